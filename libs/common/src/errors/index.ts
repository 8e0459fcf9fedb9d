export { DomainError, orNotFound } from './domain-error.js';
export type { DomainErrorOptions, FieldError } from './domain-error.js';
export { ERROR_STATUS, ERROR_TITLE, isErrorCode } from './error-code.js';
export type { ErrorCode } from './error-code.js';
export { classifyDatabaseError, domainErrorFromDatabase, isRetryableConflict, isUniqueViolation, postgresErrorCode } from './database-error.js';
export type { DatabaseErrorInfo, DatabaseErrorKind } from './database-error.js';
