import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Actor, isUuid } from '#common';
import { type Db, peopleRepository } from '#database';
import { articleRepository } from '../article/article.repository.js';
import { previewTokenRepository } from './preview-token.repository.js';

/**
 * Preview tokens: `<articleId>.<expiry epoch seconds>.<preview epoch>.<issuer>.<HMAC-SHA256>`
 * — bound to one article, expiring, unforgeable without the key. The key is
 * SECRET_KEY when set, else one generated once and kept in the database, so
 * every admin and delivery instance agrees on it.
 *
 * A token also names the article's preview epoch when it was issued and who
 * issued it, so it can end before it expires without a table of tokens:
 * raising the article's epoch (archive, unpublish, restore, an editor's
 * revocation) ends every earlier token of that article, and a token stops
 * when its issuer is disabled (or, for an API token, revoked). Checking both
 * costs the preview route one primary-key read besides the article it loads
 * anyway.
 */
export async function previewKey(db: Db, configured?: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured);
  return Buffer.from(await previewTokenRepository.storedKey(db, randomBytes(32).toString('base64url')));
}

/** Who issued a preview token: a person, an API token, or Dispatch itself. */
export type PreviewIssuer = { type: 'user' | 'api_token'; id: string } | { type: 'system' };

/** What a valid token grants, beyond its article. */
export interface PreviewGrant {
  /** The article's preview epoch at issue; the token is void once the article's epoch differs. */
  epoch: number;
  issuer: PreviewIssuer;
}

export function previewIssuerOf(actor: Actor): PreviewIssuer {
  return actor.type === 'system' || !actor.id ? { type: 'system' } : { type: actor.type, id: actor.id };
}

export function signPreviewToken(key: Buffer, articleId: string, expiresAt: Date, grant: PreviewGrant): string {
  const payload = `${articleId}.${Math.floor(expiresAt.getTime() / 1000)}.${grant.epoch}.${issuerCode(grant.issuer)}`;
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

/**
 * What the token grants on `articleId`, or null when it is forged, tampered
 * with, expired or for another article. Whether it has been revoked since
 * (epoch, issuer) is for the caller to check against the database.
 */
export function verifyPreviewToken(key: Buffer, token: string, articleId: string, now = new Date()): PreviewGrant | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [id, expiry, epoch, issuer, signature] = parts as [string, string, string, string, string];
  if (id !== articleId || !/^\d{1,12}$/.test(expiry) || !/^\d{1,9}$/.test(epoch)) return null;
  const expected = createHmac('sha256', key).update(`${id}.${expiry}.${epoch}.${issuer}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(expiry) * 1000 <= now.getTime()) return null;
  const parsed = parseIssuer(issuer);
  return parsed ? { epoch: Number(epoch), issuer: parsed } : null;
}

/** Ends every preview token issued for the article so far. */
export async function revokePreviews(db: Db, articleId: string): Promise<number> {
  return articleRepository.raisePreviewEpoch(db, articleId);
}

/** True while the token's issuer could still issue it: the user is not disabled; the API token is not revoked or expired, nor its owner disabled. */
export async function previewIssuerActive(db: Db, issuer: PreviewIssuer, now = new Date()): Promise<boolean> {
  switch (issuer.type) {
    case 'system':
      return true;
    case 'user': {
      const user = await peopleRepository.userStanding(db, issuer.id);
      return !!user && !user.disabled;
    }
    case 'api_token': {
      const token = await peopleRepository.apiTokenStanding(db, issuer.id);
      return !!token && !token.revokedAt && !(token.expiresAt && token.expiresAt <= now) && !token.createdBy?.disabled;
    }
  }
}

function issuerCode(issuer: PreviewIssuer): string {
  return issuer.type === 'system' ? 's' : `${issuer.type === 'user' ? 'u' : 't'}${issuer.id}`;
}

function parseIssuer(code: string): PreviewIssuer | null {
  if (code === 's') return { type: 'system' };
  const id = code.slice(1);
  if (!isUuid(id)) return null;
  if (code.startsWith('u')) return { type: 'user', id };
  if (code.startsWith('t')) return { type: 'api_token', id };
  return null;
}
