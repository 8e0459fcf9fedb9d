import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type DispatchConfig, type Logger, logFatal, MetricsListener, rootLogger } from '#common';
import { flushTracing } from '../../libs/tracing/src/tracing-env.js';

/** One-app-per-process mode needs a shared server; `npm start` provides the embedded one. */
export function requireDatabaseUrl(config: DispatchConfig, app: string): string {
  if (config.databaseUrl) return config.databaseUrl;
  logFatal(rootLogger(app, config), 'config error: DATABASE_URL: required to run one app per process (`npm start` runs an embedded PostgreSQL)');
  process.exit(1);
}

/** Where an app's separate metrics listener binds; port 0 = none. */
export interface MetricsAddress {
  host: string;
  port: number;
}

/** Starts an HTTP app (and its metrics listener); a port in use or an unreachable host is one line and exit 1. */
export async function runHttpApp(
  name: string,
  config: DispatchConfig,
  create: () => Promise<NestFastifyApplication>,
  host: string,
  port: number,
  metrics?: MetricsAddress,
): Promise<void> {
  const logger = rootLogger(name, config);
  let app: NestFastifyApplication | undefined;
  try {
    app = await create();
    // Fastify's own "Server listening at" line, worded as ours (one line per bound address).
    await app.listen({ host, port, listenTextResolver: (address) => `${name} listening on ${address}${metricsNote(metrics)}` });
    await listenForMetrics(app, metrics);
    stopOnSignal(name, app, logger);
  } catch (error) {
    logFatal(logger, `${name}: cannot start: ${error instanceof MetricsListenError ? error.message : oneLine(error, host, port)}`);
    await app?.close().catch(() => undefined);
    process.exit(1);
  }
}

/** Runs a non-HTTP Nest context (the worker) until a signal ends it. */
export async function runContext(
  name: string,
  config: DispatchConfig,
  create: () => Promise<INestApplicationContext>,
  metrics?: MetricsAddress,
): Promise<void> {
  const logger = rootLogger(name, config);
  let context: INestApplicationContext | undefined;
  try {
    context = await create();
    await listenForMetrics(context, metrics);
    stopOnSignal(name, context, logger);
    logger.info(`${name} started${metricsNote(metrics)}`);
  } catch (error) {
    logFatal(logger, `${name}: cannot start: ${error instanceof MetricsListenError ? error.message : oneLine(error)}`);
    await context?.close().catch(() => undefined);
    process.exit(1);
  }
}

/** How long a stopping app may take to answer its last requests and finish its job; then it exits anyway (status 1). */
export const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * SIGTERM or SIGINT: stop taking connections, answer the requests (or finish
 * the job) under way, close the database, send the last spans, exit 0. Nest's own shutdown hooks
 * would re-raise the signal, so the process would end "killed" rather than
 * with a status a supervisor can read.
 */
function stopOnSignal(name: string, app: INestApplicationContext, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${name} stopping (${signal})`);
    const force = setTimeout(() => {
      logFatal(logger, `${name}: still busy ${SHUTDOWN_TIMEOUT_MS / 1000} s after ${signal}; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    app
      .close()
      .then(() => flushTracing())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logFatal(logger, `${name}: error while stopping: ${oneLine(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
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
