export * from './errors/index.js';
export { ConfigError, loadConfig, loadConfigOrExit } from './config/config.js';
export type { DispatchConfig, MediaStorageKind, MetricsConfig, S3Config } from './config/config.js';
export { EnvReader } from './config/env-reader.js';
export { problemOf, toProblem } from './http/problem.js';
export type { Problem } from './http/problem.js';
export { ProblemFilter, sendProblem } from './http/problem.filter.js';
export { createValidationPipe, flattenValidationErrors, INT4_MAX, IntParamPipe, IsOmittable, nulPaths } from './http/validation.js';
export { decodeCursor, encodeCursor, onePage, toPage } from './pagination/cursor.js';
export type { CursorPart, Page } from './pagination/cursor.js';
export { ConfigModule, DISPATCH_CONFIG } from './config/config.module.js';
export { createHttpApp, openApiDocument } from './http/http-app.js';
export type { HttpAppOptions } from './http/http-app.js';
export { Public, PUBLIC_ROUTE } from './http/public.decorator.js';
export { isEditorOrAbove, ROLES, SYSTEM_ACTOR } from './actor.js';
export type { Actor, Role } from './actor.js';
export { isUuid } from './ids.js';
export { createLogger, logAccess, logFatal, NestPinoLogger, REDACTED, redactSecrets, redactUrl, rootLogger } from './observability/logging.js';
export type { LogFormat, Logger, LoggerSettings, LogLevel } from './observability/logging.js';
export {
  countFrom,
  createMetricsRegistry,
  HEALTH_PROBE,
  instrumentHttp,
  METRIC_PREFIX,
  MetricsListener,
  MetricsModule,
  UNMATCHED_ROUTE,
} from './metrics/index.js';
export type { HealthProbe } from './metrics/index.js';
export {
  Component,
  componentName,
  Dictionary,
  Nullable,
  Obj,
  Page as PageSchema,
  StringEnum,
  TaggedUnion,
  Timestamp,
  toOpenApi,
  Url,
  Uuid,
} from './contract/schema.js';
export { Accepts, HEADERS, PROBLEM_CONTENT_TYPE, Problems, Responds, RespondsWith } from './contract/responds.js';
export type { HeaderName, RespondsOptions } from './contract/responds.js';
export { finishDocument, PUBLIC_OPERATION } from './contract/document.js';
export { FieldErrorSchema, ProblemSchema } from './contract/problem.schema.js';
