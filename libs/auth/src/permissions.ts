import type { Role } from '#common';

/**
 * What a route may require. Roles grant permissions; finer rules (a
 * contributor touches only their own articles) live in the services.
 */
export const PERMISSIONS = [
  'profile:read',
  'articles:read',
  'articles:write',
  'articles:transition',
  'previews:revoke',
  'media:read',
  'media:upload',
  'media:edit',
  'media:delete',
  'taxonomy:read',
  'tags:manage',
  'sections:manage',
  'authors:manage',
  'locales:manage',
  'collections:read',
  'collections:manage',
  'users:manage',
  'api-tokens:manage',
  'webhooks:manage',
  'audit:read',
  'metrics:read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ANY_USER: Permission[] = [
  'profile:read',
  'articles:read',
  'articles:write',
  'articles:transition',
  'media:read',
  'media:upload',
  'media:edit',
  'taxonomy:read',
];
// Rails list working copies (drafts' headlines and status): editors and admins only, as API.md has it.
// Revoking all of an article's preview links: editors and admins, who may also archive or unpublish it.
const EDITOR: Permission[] = [...ANY_USER, 'previews:revoke', 'media:delete', 'authors:manage', 'collections:read', 'collections:manage'];
const ADMIN: Permission[] = [...PERMISSIONS];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  contributor: new Set(ANY_USER),
  editor: new Set(EDITOR),
  admin: new Set(ADMIN),
};

/**
 * Permissions a static operator token (METRICS_TOKEN) also grants, so a
 * Prometheus scraper needs no user account. Nothing else can be opened that way.
 */
export const OPERATOR_TOKEN_PERMISSIONS: ReadonlySet<Permission> = new Set(['metrics:read']);

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
