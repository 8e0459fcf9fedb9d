/**
 * Stable, machine-readable error codes shared by both APIs (API.md). Each
 * maps to exactly one HTTP status; the mapping is exhaustive by type.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  slug_taken: 409,
  invalid_transition: 409,
  embargoed: 409,
  in_use: 409,
  version_conflict: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  publish_precondition_failed: 422,
  unprocessable: 422,
  unsupported_image_dimensions: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLE: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  invalid_json: 'Malformed JSON',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  slug_taken: 'Slug already taken',
  invalid_transition: 'Invalid transition',
  embargoed: 'Embargoed',
  in_use: 'In use',
  version_conflict: 'Version conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  publish_precondition_failed: 'Publish preconditions failed',
  unprocessable: 'Unprocessable request',
  unsupported_image_dimensions: 'Unsupported image dimensions',
  precondition_required: 'Precondition required',
  rate_limited: 'Too many requests',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
};

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, value);
}
