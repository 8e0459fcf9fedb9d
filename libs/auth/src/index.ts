export { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
export { AdminBootstrapService } from './admin-bootstrap.service.js';
export { CurrentActor, RequirePermission, REQUIRED_PERMISSION } from './access.decorators.js';
export { AccessGuard } from './access.guard.js';
export { ApiTokenService } from './api-token.service.js';
export type { ApiTokenView } from './api-token.service.js';
export { AuditQueryService, toAuditView } from './audit-query.service.js';
export type { AuditEventView, AuditQuery } from './audit-query.service.js';
export { AuthModule } from './auth.module.js';
export { AuthService } from './auth.service.js';
export type { LoginResult } from './auth.service.js';
export { LOGIN_LIMITS, LoginThrottle } from './login-throttle.js';
export { OPERATOR_TOKEN_PERMISSIONS, PERMISSIONS, roleHas } from './permissions.js';
export { isOperatorToken } from './operator-token.js';
export type { Permission } from './permissions.js';
export { RouteAccessCheck } from './route-access.check.js';
export type { RouteAccess } from './route-access.check.js';
export { API_TOKEN_PREFIX, hashToken, newToken, SESSION_PREFIX } from './token.js';
export { toUserView } from './user.mapper.js';
export type { UserView } from './user.mapper.js';
export { UserService } from './user.service.js';
export type { CreateUserInput, UpdateUserInput } from './user.service.js';
export {
  ApiTokenPageSchema,
  ApiTokenSchema,
  AuditEventPageSchema,
  AuditEventSchema,
  CreatedApiTokenSchema,
  LoginResultSchema,
  MeSchema,
  UserPageSchema,
  UserSchema,
} from './auth.schema.js';
export type { CreatedApiTokenView, MeView } from './auth.schema.js';
