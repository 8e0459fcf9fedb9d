import { HttpException, Logger } from '@nestjs/common';
import { DomainError, domainErrorFromDatabase, ERROR_STATUS, postgresErrorCode, ERROR_TITLE, type ErrorCode, type FieldError } from '../errors/index.js';

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
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status];
    if (code) return { problem: problemOf(code, httpDetail(error)), headers: {} };
  }
  const fastify = asFastifyError(error);
  if (fastify) return { problem: fastifyProblem(fastify), headers: {} };
  const fromDatabase = domainErrorFromDatabase(error);
  if (fromDatabase) return toProblem(fromDatabase, requestId);
  const prisma = asPrismaError(error);
  if (prisma === 'P2002') return { problem: problemOf('conflict', 'A resource with these values already exists'), headers: {} };
  // A foreign key broke: what the request points at was removed meanwhile (a tag merged away), or is still in use.
  if (prisma === 'P2003')
    return { problem: problemOf('conflict', 'Something this request refers to was removed meanwhile, or is still in use; reload and retry'), headers: {} };
  if (prisma === 'P2025') return { problem: problemOf('not_found', 'The resource was not found'), headers: {} };
  const sqlState = postgresErrorCode(error);
  if (sqlState !== undefined && INPUT_SQL_STATES.has(sqlState)) {
    // The boundary should have refused this value (NUL, int4 overflow, a non-UUID, a date out of range): say so loudly, answer 400.
    logger.warn(`input reached the database unvalidated (SQLSTATE ${sqlState})${requestId ? ` (request ${requestId})` : ''}: ${describe(error)}`);
    return { problem: problemOf('validation_failed', 'A value in the request is malformed or out of range'), headers: {} };
  }
  if (isDatabaseUnavailable(error)) {
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

function asPrismaError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'PrismaClientKnownRequestError' && typeof code === 'string' ? code : undefined;
}

/**
 * SQLSTATEs (class 22, data exception) that only a value from the request
 * can cause: invalid text for a type (22P02), a NUL or unencodable character
 * (22021, 22P05), a number or date out of range (22003, 22008), a bad
 * date/time format (22007), a string too long for its column (22001).
 */
const INPUT_SQL_STATES = new Set(['22P02', '22021', '22P05', '22003', '22008', '22007', '22001']);

const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|the database system is (starting|shutting) up|Can't reach database|DatabaseNotReachable|connection timeout|Timed out fetching a new connection|Client has encountered a connection error|Client was closed and is not queryable/i;

function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const text = `${(error as { code?: unknown }).code ?? ''} ${(error as { message?: unknown }).message ?? ''}`;
  const cause = (error as { cause?: unknown }).cause;
  return UNAVAILABLE.test(text) || (cause !== undefined && cause !== error && isDatabaseUnavailable(cause));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
