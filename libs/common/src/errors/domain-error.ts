import type { ErrorCode } from './error-code.js';

/** One problem with one field of the input: `{ path: "body[2].text", message }`. */
export interface FieldError {
  path: string;
  message: string;
}

export interface DomainErrorOptions {
  errors?: FieldError[];
  /** Extra members for the problem document, e.g. `{ currentVersion: 7 }`. */
  extensions?: Record<string, unknown>;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type the libraries throw. Apps turn it into
 * application/problem+json in a single filter; libraries never throw HTTP
 * exceptions.
 */
export class DomainError extends Error {
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} was not found`);
  }

  static validation(errors: FieldError[], detail = 'The request is not valid'): DomainError {
    return new DomainError('validation_failed', detail, { errors });
  }

  static forbidden(detail = 'You are not allowed to do this'): DomainError {
    return new DomainError('forbidden', detail);
  }
}

/**
 * The row a lookup found, or 404 not_found naming what was missing
 * (`orNotFound(await tagRepository.find(db, id), 'Tag')`).
 */
export function orNotFound<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) throw DomainError.notFound(what);
  return row;
}
