import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AdminBootstrapService } from './admin-bootstrap.service.js';
import { ApiTokenService } from './api-token.service.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { RouteAccessCheck } from './route-access.check.js';
import { UserService } from './user.service.js';

/**
 * People and access for the admin API: the global deny-by-default guard, the
 * start-up check that every route declares its access, and the services.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    AuthService,
    LoginThrottle,
    UserService,
    ApiTokenService,
    AuditQueryService,
    AdminBootstrapService,
    RouteAccessCheck,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UserService, ApiTokenService, AuditQueryService, RouteAccessCheck],
})
export class AuthModule {}
