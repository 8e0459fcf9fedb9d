import { createHash, randomBytes } from 'node:crypto';

/** Bearer token prefixes: sessions from login, and API tokens. */
export const SESSION_PREFIX = 'dsp_s_';
export const API_TOKEN_PREFIX = 'dsp_t_';

/** A new random token (256 bits) with its prefix. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens are stored only as SHA-256: a stolen database does not yield
 * usable tokens, and lookup by hash is an exact index match (no timing
 * signal about partial matches).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return /^dsp_[st]_[A-Za-z0-9_-]{43}$/.test(value);
}
