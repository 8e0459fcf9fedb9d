export { DomainError } from './domain-error.js';
export type { DomainErrorOptions, FieldError } from './domain-error.js';
export { ERROR_STATUS, ERROR_TITLE, isErrorCode } from './error-code.js';
export type { ErrorCode } from './error-code.js';
export { domainErrorFromDatabase, postgresErrorCode } from './database-error.js';
