import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { type DynamicModule, type INestApplication, type LoggerService, RequestMethod, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { DispatchConfig } from '../config/config.js';
import { DomainError } from '../errors/domain-error.js';
import { logAccess, NestPinoLogger, rootLogger } from '../observability/logging.js';
import { finishDocument } from '../contract/document.js';
import { instrumentHttp } from '../metrics/http-metrics.js';
import { ProblemFilter, sendProblem } from './problem.filter.js';
import { MAX_PARAM_LENGTH, problemOf } from './problem.js';
import { createValidationPipe } from './validation.js';

export interface HttpAppOptions {
  /** The `app` field of every log line, e.g. "admin-api". */
  app: string;
  module: Type<unknown> | DynamicModule;
  config: DispatchConfig;
  /** Route prefix, e.g. "admin/v1". /health and /metrics stay at the root. */
  prefix: string;
  docs: {
    path: string;
    title: string;
    description: string;
    /** Where clients reach this API (`servers`); default the origin the document is fetched from. */
    serverUrl?: string;
    /** Every operation needs a bearer token unless @Public(). */
    bearerAuth?: boolean;
    /** Operations accept an optional `x-api-key` (higher rate limits). */
    apiKey?: boolean;
  };
  /** Extra Fastify setup (content-type parsers, plugins) before routes are registered. */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
  logger?: LoggerService | false;
}

/**
 * Creates a Fastify-backed Nest application the way both APIs run: one JSON
 * logger for Fastify and Nest, an access line per request with its id,
 * problem+json errors, strict validation, security headers, OpenAPI docs and
 * graceful shutdown.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = rootLogger(options.app, config);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Fastify's own per-request lines are replaced by logAccess's one line.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: config.jsonBodyLimitBytes,
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, ignoreTrailingSlash: true },
    // Requests the HTTP parser refuses (a URL or headers past the size limit, broken framing) get a problem document too.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Duplex) => refuseMalformedRequest(error, socket),
    // Errors the router raises before any route runs (a bad percent-encoding, an over-long path segment) are problems too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      reply.header('x-request-id', request.id);
      sendProblem(reply, error, request.id);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: options.logger ?? new NestPinoLogger(logger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  closeConnectionsAsTheyGoIdle(fastify);
  if (config.logAccess) logAccess(fastify);
  instrumentHttp(app);
  app.useBodyParser('application/json', { bodyLimit: config.jsonBodyLimitBytes }, depthLimitedJsonParser(fastify));
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(helmet as never, {
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await options.configure?.(app);
  app.setGlobalPrefix(options.prefix, { exclude: ['health', 'metrics'].map((path) => ({ path, method: RequestMethod.GET })) });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  setupDocs(app, options);
  return app;
}

/**
 * What Fastify's default client-error handler does, but as problem+json:
 * 400 validation_failed for an oversized request line or header block (the
 * API's one status for input it refuses) and for anything else the parser
 * cannot read. A reset or timed-out connection has no one left to answer.
 */
function refuseMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (error.code !== 'ERR_HTTP_REQUEST_TIMEOUT' && socket.writable) {
    const detail =
      error.code === 'HPE_HEADER_OVERFLOW' ? 'The request line or headers are larger than allowed (is the URL too long?)' : 'The request is not valid HTTP';
    const body = JSON.stringify(problemOf('validation_failed', detail));
    socket.write(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

const DOCUMENTS = new WeakMap<INestApplication, () => OpenAPIObject>();

/**
 * The OpenAPI document an app serves, built from its code: no database and
 * no listening needed (`npm run openapi` and the tests' contract check use it).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const build = DOCUMENTS.get(app);
  if (!build) throw new Error('not an app made by createHttpApp');
  return build();
}

function setupDocs(app: INestApplication, options: HttpAppOptions): void {
  const { docs } = options;
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(docs.title)
    .setDescription(docs.description)
    .setVersion('1')
    .setLicense('Proprietary', 'https://example.com/dispatch/licence')
    .addServer(docs.serverUrl ?? '/', docs.serverUrl ? 'this deployment' : 'the server this document was fetched from');
  if (docs.bearerAuth) {
    // addBearerAuth would say bearerFormat JWT: ours are opaque.
    builder.addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description:
        'An opaque token (not a JWT: nothing to decode): a session token from POST /admin/v1/auth/login, or an API token made by an admin. Missing or invalid → 401; not allowed for the role → 403.',
    });
    builder.addSecurityRequirements('bearer');
  }
  if (docs.apiKey) {
    builder.addApiKey(
      { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Optional: a key from DELIVERY_API_KEYS raises the rate limit for its holder.' },
      'apiKey',
    );
    // Anonymous or with a key: the key only raises the rate limit.
    builder.addSecurityRequirements({}).addSecurityRequirements('apiKey');
  }
  const document = () => finishDocument(SwaggerModule.createDocument(app, builder.build()), { rateLimited: !!docs.apiKey });
  DOCUMENTS.set(app, document);
  SwaggerModule.setup(options.docs.path, app, document, { jsonDocumentUrl: `${options.docs.path}/openapi.json` });
}

/**
 * While the server closes, keep-alive connections are closed as soon as
 * their last response is done. Node's close() only closes the connections
 * idle at that moment: one whose response was still finishing (a file stream
 * a tick from its end, a request answered during the drain) would otherwise
 * hold the process for the 72 s keep-alive timeout.
 */
function closeConnectionsAsTheyGoIdle(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    const server = fastify.server;
    const timer = setInterval(() => server.closeIdleConnections(), 50);
    timer.unref();
    server.once('close', () => clearInterval(timer));
    done();
  });
}

/** Deeper JSON than any Dispatch body needs; anything beyond is refused before validation walks it. */
export const MAX_JSON_DEPTH = 64;

/**
 * Fastify's JSON parser (prototype-poisoning checks and all) plus a nesting
 * limit: class-transformer and class-validator recurse, and a body of a few
 * thousand nested brackets would otherwise overflow the stack (a 500).
 */
function depthLimitedJsonParser(fastify: FastifyInstance) {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    parse(request, body.toString('utf8'), (error, value) => {
      if (error) return done(error);
      if (nestingDepth(value) > MAX_JSON_DEPTH)
        return done(DomainError.validation([{ path: '', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }]));
      done(null, value);
    });
  };
}

/** Depth of a parsed JSON value, without recursion (a deep value must not overflow the stack here either). */
export function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return max;
}
