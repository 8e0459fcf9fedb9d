import type { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '#common';
import { REQUIRED_PERMISSION } from './access.decorators.js';
import type { Permission } from './permissions.js';

/** What a route handler declares: open to anyone, one permission, nothing, or both at once. */
export type DeclaredAccess =
  | { kind: 'public' }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'none' }
  /** @Public() and a permission on one route: which was meant cannot be told, so it is refused. */
  | { kind: 'conflict'; permission: Permission };

/**
 * The access a handler declares, from the handler's own decorators and its
 * controller's. The guard and the start-up check both read it, so they cannot
 * disagree. A handler's own declaration wins over its controller's, except
 * that @Public() and a permission on the same route (on the handler, or one
 * on the handler and the other on the controller) is a conflict: a
 * class-level @Public() must never silently open a handler that asks for a
 * permission.
 */
export function declaredAccess(reflector: Reflector, handler: object, controller: object): DeclaredAccess {
  const ownPublic = reflector.get<boolean | undefined>(PUBLIC_ROUTE, handler as never) === true;
  const ownPermission = reflector.get<Permission | undefined>(REQUIRED_PERMISSION, handler as never);
  const classPublic = reflector.get<boolean | undefined>(PUBLIC_ROUTE, controller as never) === true;
  const classPermission = reflector.get<Permission | undefined>(REQUIRED_PERMISSION, controller as never);

  if (ownPermission && (ownPublic || classPublic)) return { kind: 'conflict', permission: ownPermission };
  if (ownPublic) return { kind: 'public' };
  if (ownPermission) return { kind: 'permission', permission: ownPermission };
  if (classPublic && classPermission) return { kind: 'conflict', permission: classPermission };
  if (classPublic) return { kind: 'public' };
  if (classPermission) return { kind: 'permission', permission: classPermission };
  return { kind: 'none' };
}
