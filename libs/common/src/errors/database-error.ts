import { DomainError } from './domain-error.js';

/**
 * The one place that reads database errors. Prisma, its pg driver adapter
 * and pg itself each wrap a PostgreSQL failure their own way; repositories,
 * retry loops and the problem+json mapping all ask `classifyDatabaseError`
 * instead of matching codes and messages themselves.
 */
export type DatabaseErrorKind =
  /** A unique constraint refused the row (23505, Prisma P2002). */
  | 'unique_violation'
  /** A foreign key refused the row: what it points at is gone, or it is still pointed at (23503, P2003). */
  | 'foreign_key_violation'
  /** The record an update or delete needed was not there (P2025). */
  | 'not_found'
  /** Lost a concurrency race: serialization failure, deadlock, a NOWAIT lock busy (40001, 40P01, 55P03, P2034). Retrying can succeed. */
  | 'serialization_failure'
  /** The server or the connection to it went away (or never came). Retrying later can succeed. */
  | 'connection_lost'
  /** The database was too busy: no connection or transaction could be had in time, or the transaction ran out of time (P2024, P2028). Retrying later can succeed. */
  | 'timed_out'
  /** A value only the request could have carried (class 22: bad text for a type, NUL, out of range, too long). */
  | 'invalid_input'
  /** Content larger than PostgreSQL can store or index (class 54). */
  | 'too_large';

export interface DatabaseErrorInfo {
  kind: DatabaseErrorKind;
  /** The SQLSTATE, when one could be found. */
  sqlState?: string;
  /** What the error names: the constraint's fields or its name, as the driver reported them. */
  target: string;
}

/**
 * The PostgreSQL SQLSTATE behind an error, however it reached us: a pg error
 * (`code`), or Prisma's wrapping of a driver-adapter error
 * (`meta.driverAdapterError.cause.code`).
 */
export function postgresErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, meta, cause } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown } } }; cause?: unknown };
  const wrapped = meta?.driverAdapterError?.cause?.code;
  if (typeof wrapped === 'string') return wrapped;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('P')) return code;
  return cause !== undefined && cause !== error ? postgresErrorCode(cause) : undefined;
}

const PRISMA_KINDS: Record<string, DatabaseErrorKind> = {
  P2002: 'unique_violation',
  P2003: 'foreign_key_violation',
  P2025: 'not_found',
  P2034: 'serialization_failure',
  P2024: 'timed_out',
  P2028: 'timed_out',
};

const SQL_STATE_KINDS: Record<string, DatabaseErrorKind> = {
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '40001': 'serialization_failure',
  '40P01': 'serialization_failure',
  '55P03': 'serialization_failure',
};

/**
 * SQLSTATEs (class 22, data exception) that only a value from the request
 * can cause: invalid text for a type (22P02), a NUL or unencodable character
 * (22021, 22P05), a number or date out of range (22003, 22008), a bad
 * date/time format (22007), a string too long for its column (22001).
 */
const INPUT_SQL_STATES = new Set(['22P02', '22021', '22P05', '22003', '22008', '22007', '22001']);

const RACE_TEXT = /deadlock detected|could not obtain lock|could not serialize/i;
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|the database system is (starting|shutting) up|Can't reach database|DatabaseNotReachable|connection timeout|Timed out fetching a new connection|Client has encountered a connection error|Client was closed and is not queryable/i;

/** What kind of database failure `error` is, or undefined when it is none we know (a bug: let it be a 500). */
export function classifyDatabaseError(error: unknown): DatabaseErrorInfo | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const sqlState = postgresErrorCode(error);
  const target = targetOf(error);
  const prismaKind = asPrismaCode(error);
  const kind =
    (prismaKind && PRISMA_KINDS[prismaKind]) ??
    (sqlState && SQL_STATE_KINDS[sqlState]) ??
    (sqlState?.startsWith('54') ? 'too_large' : undefined) ??
    (sqlState && INPUT_SQL_STATES.has(sqlState) ? 'invalid_input' : undefined) ??
    (RACE_TEXT.test(textOf(error)) ? 'serialization_failure' : undefined) ??
    (isUnavailable(error) ? 'connection_lost' : undefined);
  return kind ? { kind, ...(sqlState ? { sqlState } : {}), target } : undefined;
}

/** True for a unique-constraint violation; with `field`, only when the constraint names that field. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  const info = classifyDatabaseError(error);
  return info?.kind === 'unique_violation' && (field === undefined || info.target.includes(field));
}

/** True when the same use case, run again as a new transaction, can succeed (it lost a lock or serialization race). */
export function isRetryableConflict(error: unknown): boolean {
  return classifyDatabaseError(error)?.kind === 'serialization_failure';
}

/**
 * Database errors that are the input's fault, as the domain error they mean.
 * Class 54 (program_limit_exceeded, e.g. "string is too long for tsvector")
 * is content larger than PostgreSQL can store or index: retrying cannot help,
 * so it is a 4xx, never a 500.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  if (classifyDatabaseError(error)?.kind === 'too_large') {
    return new DomainError('payload_too_large', 'The content is larger than can be stored or indexed; shorten it', { cause: error });
  }
  return undefined;
}

function asPrismaCode(error: object): string | undefined {
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'PrismaClientKnownRequestError' && typeof code === 'string' ? code : undefined;
}

function targetOf(error: object): string {
  const { meta, constraint } = error as { meta?: unknown; constraint?: unknown };
  return `${JSON.stringify(meta ?? {})} ${typeof constraint === 'string' ? constraint : ''}`;
}

function textOf(error: object): string {
  const { code, message, meta } = error as { code?: unknown; message?: unknown; meta?: unknown };
  return `${String(code ?? '')} ${String(message ?? '')} ${JSON.stringify(meta ?? {})}`;
}

function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const text = `${(error as { code?: unknown }).code ?? ''} ${(error as { message?: unknown }).message ?? ''}`;
  const cause = (error as { cause?: unknown }).cause;
  return UNAVAILABLE_TEXT.test(text) || (cause !== undefined && cause !== error && isUnavailable(cause));
}
