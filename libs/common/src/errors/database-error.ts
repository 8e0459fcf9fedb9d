import { DomainError } from './domain-error.js';

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

/**
 * Database errors that are the input's fault, as the domain error they mean.
 * Class 54 (program_limit_exceeded, e.g. "string is too long for tsvector")
 * is content larger than PostgreSQL can store or index: retrying cannot help,
 * so it is a 4xx, never a 500.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  const code = postgresErrorCode(error);
  if (code?.startsWith('54')) {
    return new DomainError('payload_too_large', 'The content is larger than can be stored or indexed; shorten it', { cause: error });
  }
  return undefined;
}
