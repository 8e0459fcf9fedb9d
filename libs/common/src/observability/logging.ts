import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { DispatchConfig } from '../config/config.js';
// `route` of a request no route matched (a 404 from the router, a refused CORS preflight): the same label as in the metrics.
import { UNMATCHED_ROUTE } from '../metrics/http-metrics.js';

export type { Logger } from 'pino';
export type LogLevel = DispatchConfig['logLevel'];
export type LogFormat = DispatchConfig['logFormat'];

export interface LoggerSettings {
  /** The process's name in every line: "admin-api", "delivery-api", "worker", "start", "db:migrate"… */
  app: string;
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go; default standard output. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/**
 * Field names whose values never reach a log line, at any depth of a logged
 * object (compared case-insensitively): credentials in headers and bodies.
 */
const SECRET_KEYS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'passwordhash',
  'token',
  'accesstoken',
  'refreshtoken',
  'secret',
  'secretkey',
  'secretaccesskey',
]);
export const REDACTED = '[redacted]';

/**
 * A pino logger writing one JSON object per line — `{"level":"info",
 * "time":"2026-…Z","app":"admin-api","msg":"…",…}` — or, with format
 * "pretty", pino-pretty's coloured lines for a developer's terminal.
 * Secret-named fields are replaced by "[redacted]" wherever they sit.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const format = settings.format ?? 'json';
  const destination =
    settings.destination ??
    (format === 'pretty'
      ? // Synchronous, in this thread: a terminal is the only reader, and lines written just before exit(1) must not be lost.
        pretty({ sync: true, colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'app', messageFormat: '{app} {msg}' })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: settings.level ?? 'info',
      base: { app: settings.app },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (object) => redactSecrets(object) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

const roots = new Map<string, Logger>();

/**
 * The process's root logger for `app` at the configured level and format —
 * the same instance for every caller (Fastify, Nest, the entry point), so a
 * process has one logger and one output format.
 */
export function rootLogger(app: string, config?: Pick<DispatchConfig, 'logLevel' | 'logFormat'>): Logger {
  const level = config?.logLevel ?? 'info';
  const format = config?.logFormat ?? 'json';
  const key = `${app}|${level}|${format}`;
  let logger = roots.get(key);
  if (!logger) {
    logger = createLogger({ app, level, format });
    roots.set(key, logger);
  }
  return logger;
}

/**
 * Logs the reason a process is about to exit with an error. Even at
 * LOG_LEVEL=silent: an exit code with no word of why helps nobody.
 */
export function logFatal(logger: Logger, msg: string, fields: Record<string, unknown> = {}): void {
  const target = logger.isLevelEnabled('fatal') ? logger : createLogger({ app: String(logger.bindings().app ?? 'dispatch'), level: 'fatal' });
  target.fatal(fields, msg);
}

/** A copy of `value` with secret-named fields replaced; errors, dates and buffers are left to pino's serialisers. */
export function redactSecrets(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Error || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redactSecrets(item, seen);
  return copy;
}

/** A request URL with the values of token-like query parameters replaced (preview links and media URLs carry `?token=`). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|api_key|apikey|signature)=)[^&#]*/gi, `$1${REDACTED}`);
}

/**
 * One access line per request at info, after the response is sent —
 * including responses sent from an onRequest hook (delivery cache hits,
 * rate-limit refusals), since onResponse runs for every reply.
 */
export function logAccess(fastify: FastifyInstance): void {
  // Off below info (the benchmark runs at warn): not even the hook's cost.
  if (!((pino.levels.values[fastify.log.level] ?? Infinity) <= pino.levels.values.info!)) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        url: redactUrl(request.url),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });
}

/** Nest contexts whose `log` lines describe booting (modules, routes, "started"): useful at debug, noise at info. */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'NestApplicationContext']);

type NestLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over a pino logger: the Nest context becomes a
 * `context` field, an Error becomes `err` (with its stack), and Nest's boot
 * chatter is logged at debug.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    this.write(context !== undefined && BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, params, context);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, contextOf(params));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params, contextOf(params));
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params, contextOf(params));
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params, contextOf(params));
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, contextOf(params));
  }

  private write(level: NestLevel, message: unknown, params: unknown[], context: string | undefined): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    // Nest passes (message, stack?, context?) to error(); a stack string is the trace of a real error.
    const rest = context === undefined ? params : params.slice(0, -1);
    const stack = rest.find((param): param is string => typeof param === 'string' && /\n\s+at /.test(param));
    const error = [message, ...rest].find((param): param is Error => param instanceof Error);
    if (error) fields.err = error;
    else if (stack) fields.err = { message: typeof message === 'string' ? message : undefined, stack };
    if (typeof message === 'string') this.logger[level](fields, message);
    else if (message instanceof Error) this.logger[level](fields, message.message);
    else this.logger[level]({ ...fields, detail: message }, typeof message === 'object' ? '' : String(message));
  }
}

/** Nest appends its context as the last argument. */
function contextOf(params: unknown[]): string | undefined {
  const last = params.at(-1);
  return typeof last === 'string' && !/\n\s+at /.test(last) ? last : undefined;
}
