// Deliberately free of imports: this decides, in every process started with
// the tracing --import, whether anything else is loaded at all.

type Env = Record<string, string | undefined>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function list(env: Env, name: string): string[] {
  return (value(env, name) ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Whether the standard OTEL_* variables ask for traces. Off unless an
 * exporter is named (OTEL_TRACES_EXPORTER other than `none`) or an OTLP
 * endpoint is given; OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none
 * always win. The SDK itself would default to exporting OTLP to localhost,
 * which is why an unconfigured process must not start it.
 */
export function tracingRequested(env: Env): boolean {
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return false;
  const exporters = list(env, 'OTEL_TRACES_EXPORTER');
  if (exporters.includes('none')) return false;
  if (exporters.length > 0) return true;
  return value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT') !== undefined || value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== undefined;
}

/** The app a built entry point runs, e.g. dist/apps/worker/src/main.js → dispatch-worker. */
export function defaultServiceName(entry: string | undefined): string {
  const app = /apps[\\/](admin-api|delivery-api|worker)[\\/]src[\\/]main\.js$/.exec(entry ?? '')?.[1];
  return app ? `dispatch-${app}` : 'dispatch';
}

/**
 * The service name the SDK should fall back to, or undefined when the
 * operator named the service (OTEL_SERVICE_NAME, or service.name in
 * OTEL_RESOURCE_ATTRIBUTES) and theirs must stand.
 */
export function fallbackServiceName(env: Env, entry: string | undefined): string | undefined {
  if (value(env, 'OTEL_SERVICE_NAME')) return undefined;
  const named = list(env, 'OTEL_RESOURCE_ATTRIBUTES').some((pair) => pair.split('=')[0]?.trim() === 'service.name');
  return named ? undefined : defaultServiceName(entry);
}

/** Where the started SDK keeps its handle (a global, so this file needs no import of the SDK). */
export const TRACING_HANDLE = Symbol.for('dispatch.tracing');

/** Sends the spans still buffered and stops the SDK; nothing to do when tracing is off. */
export async function flushTracing(): Promise<void> {
  const handle = (globalThis as Record<symbol, { shutdown(): Promise<void> } | undefined>)[TRACING_HANDLE];
  await handle?.shutdown();
}
