import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { startNodeSdk } from '@opentelemetry/sdk-node';
import { TRACING_HANDLE } from './tracing-env.js';

/** What the started SDK hands back; also what a test reads through {@link TRACING_HANDLE}. */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

/** Where the running process keeps its handle (absent when tracing is off). */

/** Longest a stopping process waits for the exporter to send what is buffered. */
const FLUSH_TIMEOUT_MS = 5000;

/**
 * Starts the OpenTelemetry Node SDK for traces only (metrics are
 * Prometheus, logs are pino: the SDK must not start OTLP exporters for
 * those), with HTTP, Fastify and pg instrumentation. Runs from the --import
 * preload, before the app's entry point is even linked: main.ts's static
 * imports load fastify and pg before any line of main runs, too late to
 * patch them.
 */
export function startTracing(): TracingHandle {
  // No ESM loader hook (import-in-the-middle) is needed here, as the spans
  // show: fastify is required by @nestjs/platform-fastify, node:http by
  // fastify, and pg — although our code and @prisma/adapter-pg import it as
  // ESM — loads its own files with require(), which is where
  // require-in-the-middle patches it. @fastify/otel attaches through
  // diagnostics_channel when Nest creates the Fastify instance.
  const instrumentations = [
    new HttpInstrumentation({
      // Load-balancer probes every few seconds would drown real traffic.
      ignoreIncomingRequestHook: (request) => request.url === '/health' || request.url?.startsWith('/health?') === true,
      // ?token= is a preview grant (preview route, media URLs): a secret a collector must not keep.
      redactedQueryParamsServer: ['token', 'sig', 'Signature', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token'],
    }),
    new FastifyOtelInstrumentation({
      // Nest creates the Fastify instance; this attaches the plugin as it does.
      registerOnInitialization: true,
      // Nest and helmet add a dozen anonymous hooks: spans for them say nothing. The request and handler spans stay.
      instrumentHooks: false,
      // @fastify/otel records request.url, query string (and a preview token) included; the route says the rest.
      requestHook: (span, request) => span.setAttribute('url.path', request.url.split('?', 1)[0]!),
    }) as unknown as Instrumentation,
    new PgInstrumentation({
      // Query text only: parameter values are content and secrets.
      enhancedDatabaseReporting: false,
      // No trace per pool refill, LISTEN session or idle poll.
      requireParentSpan: true,
    }),
  ];

  const sdk = startNodeSdk({ instrumentations, metricReaders: [], logRecordProcessors: [] });
  const handle: TracingHandle = { shutdown: () => withTimeout(sdk.shutdown(), FLUSH_TIMEOUT_MS) };
  (globalThis as Record<symbol, unknown>)[TRACING_HANDLE] = handle;
  return handle;
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
