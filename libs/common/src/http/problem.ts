import { HttpException, Logger } from '@nestjs/common';
import { classifyDatabaseError, DomainError, domainErrorFromDatabase, ERROR_STATUS, ERROR_TITLE, type ErrorCode, type FieldError } from '../errors/index.js';

/** An RFC 9457 problem document as both APIs send it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
}

const logger = new Logger('Problem');

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'version_conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  428: 'precondition_required',
  429: 'rate_limited',
  503: 'service_unavailable',
};

export function problemOf(code: ErrorCode, detail: string, extra: Partial<Problem> = {}): Problem {
  // Extensions come first: they may add members but never replace the standard ones.
  return {
    ...extra,
    type: `urn:dispatch:problem:${code}`,
    title: ERROR_TITLE[code],
    status: ERROR_STATUS[code],
    detail,
    code,
  };
}

/**
 * Turns anything thrown while handling a request into a problem document.
 * Unknown errors become a bare 500 with no internals; they are logged here.
 */
export function toProblem(error: unknown, requestId?: string): ProblemResponse {
  if (error instanceof DomainError) {
    return {
      problem: problemOf(error.code, error.message, {
        ...(error.errors ? { errors: error.errors } : {}),
        ...error.extensions,
      }),
      headers: error.headers ?? {},
    };
  }
  const fastify = fastifyErrorOf(error);
  if (fastify) return { problem: fastifyProblem(fastify), headers: {} };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status];
    if (code) return { problem: problemOf(code, httpDetail(error)), headers: {} };
  }
  const database = classifyDatabaseError(error);
  switch (database?.kind) {
    case 'too_large':
      return toProblem(domainErrorFromDatabase(error)!, requestId);
    case 'unique_violation':
      return { problem: problemOf('conflict', 'A resource with these values already exists'), headers: {} };
    case 'foreign_key_violation':
      // What the request points at was removed meanwhile (a tag merged away), or is still in use.
      return { problem: problemOf('conflict', 'Something this request refers to was removed meanwhile, or is still in use; reload and retry'), headers: {} };
    case 'not_found':
      return { problem: problemOf('not_found', 'The resource was not found'), headers: {} };
    case 'invalid_input':
      // The boundary should have refused this value (NUL, int4 overflow, a non-UUID, a date out of range): say so loudly, answer 400.
      logger.warn(`input reached the database unvalidated (SQLSTATE ${database.sqlState})${requestId ? ` (request ${requestId})` : ''}: ${describe(error)}`);
      return { problem: problemOf('validation_failed', 'A value in the request is malformed or out of range'), headers: {} };
    case 'timed_out':
      logger.warn(`database busy${requestId ? ` (request ${requestId})` : ''}: ${describe(error)}`);
      return { problem: problemOf('service_unavailable', 'The database is busy; try again shortly'), headers: { 'retry-after': '2' } };
    case 'connection_lost':
      logger.warn(`database unavailable${requestId ? ` (request ${requestId})` : ''}: ${describe(error)}`);
      return {
        problem: problemOf('service_unavailable', 'The database is not reachable; try again shortly'),
        headers: { 'retry-after': '2' },
      };
  }
  logger.error(`unhandled error${requestId ? ` (request ${requestId})` : ''}: ${describe(error)}`, error instanceof Error ? error.stack : undefined);
  return { problem: problemOf('internal_error', 'Something went wrong on our side'), headers: {} };
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return error.message;
}

/** The longest path segment the router matches; a longer one is refused (400) before routing. */
export const MAX_PARAM_LENGTH = 500;

interface FastifyLikeError {
  statusCode: number;
  code: string;
  message: string;
}

/**
 * The Fastify error behind what was thrown. Nest's Fastify adapter wraps every
 * 4xx error that reaches Fastify's error handler (the body parser's: malformed
 * or empty JSON, too large, unsupported media type) in an HttpException with
 * the original as its `cause`; router errors (our frameworkErrors) and those
 * thrown inside a handler arrive as they are.
 */
function fastifyErrorOf(error: unknown): FastifyLikeError | undefined {
  return asFastifyError(error instanceof HttpException ? error.cause : error);
}

function asFastifyError(error: unknown): FastifyLikeError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === 'number' && typeof code === 'string' && code.startsWith('FST_')) {
    return error as FastifyLikeError;
  }
  return undefined;
}

function fastifyProblem(error: FastifyLikeError): Problem {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return problemOf('payload_too_large', 'The request body is larger than allowed');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return problemOf('unsupported_media_type', 'This content type is not accepted here');
    case 'FST_ERR_BAD_URL':
      return problemOf('validation_failed', 'The request path is not validly percent-encoded', {
        errors: [{ path: 'url', message: 'not a valid percent-encoding' }],
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problemOf('validation_failed', `A path segment is longer than ${MAX_PARAM_LENGTH} characters`, {
        errors: [{ path: 'url', message: `path segments are at most ${MAX_PARAM_LENGTH} characters` }],
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemOf('invalid_json', 'The request body is not valid JSON');
    default: {
      const code = CODE_BY_STATUS[error.statusCode] ?? (error.statusCode < 500 ? 'validation_failed' : undefined);
      if (code) return problemOf(code, 'The request could not be processed');
      logger.error(`fastify error ${error.code}: ${error.message}`);
      return problemOf('internal_error', 'Something went wrong on our side');
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
