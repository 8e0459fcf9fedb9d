import type { Permission } from '#content/policy';

/**
 * What a route may require, and which roles have it, come from the access
 * policy (libs/content/src/policy/access-policy.ts): one table for the guard,
 * the services' finer rules and the authorization matrix test.
 */
export { PERMISSIONS, roleHas } from '#content/policy';
export type { Permission } from '#content/policy';

/**
 * Permissions a static operator token (METRICS_TOKEN) also grants, so a
 * Prometheus scraper needs no user account. Nothing else can be opened that way.
 */
export const OPERATOR_TOKEN_PERMISSIONS: ReadonlySet<Permission> = new Set(['metrics:read']);
