import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { type DispatchConfig, MetricsListener } from '#common';

/** One-app-per-process mode needs a shared server; `npm start` provides the embedded one. */
export function requireDatabaseUrl(config: DispatchConfig): string {
  if (config.databaseUrl) return config.databaseUrl;
  process.stderr.write('config error: DATABASE_URL: required to run one app per process (`npm start` runs an embedded PostgreSQL)\n');
  process.exit(1);
}

/** Where an app's separate metrics listener binds; port 0 = none. */
export interface MetricsAddress {
  host: string;
  port: number;
}

/** Starts an HTTP app (and its metrics listener); a port in use or an unreachable host is one line and exit 1. */
export async function runHttpApp(name: string, create: () => Promise<INestApplication>, host: string, port: number, metrics?: MetricsAddress): Promise<void> {
  let app: INestApplication | undefined;
  try {
    app = await create();
    await app.listen(port, host);
    await listenForMetrics(app, metrics);
    process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg: `${name} listening on http://${host}:${port}${metricsNote(metrics)}` })}\n`);
  } catch (error) {
    process.stderr.write(`${name}: cannot start: ${error instanceof MetricsListenError ? error.message : oneLine(error, host, port)}\n`);
    await app?.close().catch(() => undefined);
    process.exit(1);
  }
}

/** Runs a non-HTTP Nest context (the worker) until a signal ends it. */
export async function runContext(name: string, create: () => Promise<INestApplicationContext>, metrics?: MetricsAddress): Promise<void> {
  let context: INestApplicationContext | undefined;
  try {
    context = await create();
    context.enableShutdownHooks();
    await listenForMetrics(context, metrics);
    process.stdout.write(`${JSON.stringify({ level: 'info', time: Date.now(), msg: `${name} started${metricsNote(metrics)}` })}\n`);
  } catch (error) {
    process.stderr.write(`${name}: cannot start: ${error instanceof MetricsListenError ? error.message : oneLine(error)}\n`);
    await context?.close().catch(() => undefined);
    process.exit(1);
  }
}

class MetricsListenError extends Error {}

/** The operators' listener (GET /metrics), when a port is configured; a failure reads like the main port's, naming the metrics port. */
async function listenForMetrics(app: INestApplicationContext, metrics: MetricsAddress | undefined): Promise<void> {
  if (!metrics?.port) return;
  try {
    await app.get(MetricsListener).listen(metrics.host, metrics.port);
  } catch (error) {
    throw new MetricsListenError(`metrics ${oneLine(error, metrics.host, metrics.port)}`);
  }
}

function metricsNote(metrics: MetricsAddress | undefined): string {
  return metrics?.port ? `, metrics on http://${metrics.host}:${metrics.port}/metrics` : '';
}

export function oneLine(error: unknown, host?: string, port?: number): string {
  const { code, syscall } = error as { code?: string; syscall?: string };
  // Only errors of listening are about the host and port; an EACCES from spawning initdb is not.
  if (syscall === 'listen' || syscall === 'getaddrinfo') {
    if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use`;
    if (code === 'EACCES') return `not allowed to listen on ${host}:${port}`;
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot bind to host ${host}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'unknown error';
}
