import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `presented` is the configured operator token, compared in constant
 * time (both sides hashed first, so neither the value nor its length leaks
 * through timing). False when no token is configured.
 */
export function isOperatorToken(configured: string | undefined, presented: string): boolean {
  if (!configured) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(configured), digest(presented));
}
