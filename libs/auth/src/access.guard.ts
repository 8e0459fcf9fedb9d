import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, DISPATCH_CONFIG, type DispatchConfig, DomainError } from '#common';
import { AuthService } from './auth.service.js';
import { declaredAccess } from './declared-access.js';
import { isOperatorToken } from './operator-token.js';
import { OPERATOR_TOKEN_PERMISSIONS, roleHas } from './permissions.js';

/**
 * Deny by default: a handler runs only if it is @Public() or the caller's
 * role grants the permission it declares. A handler with neither, or with
 * both, is refused (and RouteAccessCheck stops the app from starting with one).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = declaredAccess(this.reflector, context.getHandler(), context.getClass());
    if (access.kind === 'public') return true;
    if (access.kind === 'none') throw DomainError.forbidden('This route declares no permission');
    // A conflict still asks for the permission: a stray @Public() never opens a route.
    const { permission } = access;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; actor?: Actor }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new DomainError('unauthenticated', 'Send Authorization: Bearer <token>', { headers: { 'www-authenticate': 'Bearer' } });
    // A scraper's METRICS_TOKEN: no actor, and only the permissions listed for it.
    if (OPERATOR_TOKEN_PERMISSIONS.has(permission) && isOperatorToken(this.config.metrics.token, token)) return true;
    const actor = await this.auth.authenticate(token);
    if (!actor)
      throw new DomainError('unauthenticated', 'The token is invalid, expired or revoked', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    request.actor = actor;
    if (!roleHas(actor.role, permission)) throw DomainError.forbidden(`Your role (${actor.role}) cannot do this`);
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
