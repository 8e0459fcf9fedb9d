import type { components } from './generated/admin.js';

/** An RFC 9457 problem document, as both APIs send every error (application/problem+json). */
export type Problem = components['schemas']['Problem'];
/** The stable, machine-readable error codes (`problem.code`). */
export type ProblemCode = Problem['code'];
/** One refused field of a problem (`problem.errors[]`). */
export type FieldError = components['schemas']['FieldError'];

/**
 * An error response of either API, as the problem document it carries:
 * branch on `code` (stable), show `detail` (for people), list `errors`
 * next to the fields they name.
 */
export class ProblemError extends Error {
  /** The HTTP status (also `problem.status`). */
  readonly status: number;
  readonly code: ProblemCode;
  /** Each refused field; empty when the problem names none. */
  readonly errors: readonly FieldError[];
  /** The whole problem document, with any members its code adds. */
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = 'ProblemError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
  }
}

/**
 * 412 version_conflict: the resource changed since the ETag the write was
 * based on. `currentVersion` is the version it is at now (null when the
 * If-Match sent was no version at all); read it again, merge, retry.
 */
export class VersionConflictError extends ProblemError {
  readonly currentVersion: number | null;

  constructor(problem: Problem) {
    super(problem);
    this.name = 'VersionConflictError';
    this.currentVersion = problem.currentVersion ?? null;
  }
}

/** A failed response that is not a problem document (e.g. a proxy's HTML error page). */
export class UnexpectedResponseError extends Error {
  readonly status: number;
  readonly contentType: string | null;

  constructor(status: number, contentType: string | null) {
    super(`${status}: not a problem document (${contentType ?? 'no content type'})`);
    this.name = 'UnexpectedResponseError';
    this.status = status;
    this.contentType = contentType;
  }
}

/** The error a failed response stands for: a ProblemError (a VersionConflictError for 412) or, failing that, an UnexpectedResponseError. */
export async function errorOf(response: Response): Promise<Error> {
  const contentType = response.headers.get('content-type');
  if (contentType?.startsWith('application/problem+json')) {
    const body: unknown = await response.json().catch(() => undefined);
    if (isProblem(body)) return body.code === 'version_conflict' ? new VersionConflictError(body) : new ProblemError(body);
  }
  return new UnexpectedResponseError(response.status, contentType);
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    typeof value.status === 'number' &&
    'code' in value &&
    typeof value.code === 'string' &&
    'title' in value &&
    typeof value.title === 'string'
  );
}
