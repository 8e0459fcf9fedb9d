import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, DomainError, PUBLIC_ROUTE } from '#common';
import { REQUIRED_PERMISSION } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { type Permission, roleHas } from './permissions.js';

/**
 * Deny by default: a handler runs only if it is @Public() or the caller's
 * role grants the permission it declares. A handler with neither is refused
 * (and RouteAccessCheck stops the app from starting with one).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) throw DomainError.forbidden('This route declares no permission');

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; actor?: Actor }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new DomainError('unauthenticated', 'Send Authorization: Bearer <token>', { headers: { 'www-authenticate': 'Bearer' } });
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
