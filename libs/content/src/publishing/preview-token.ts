import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '#database';

/**
 * Preview tokens: `<articleId>.<expiry epoch seconds>.<HMAC-SHA256>` —
 * bound to one article, expiring, unforgeable without the key. The key is
 * SECRET_KEY when set, else one generated once and kept in the database, so
 * every admin and delivery instance agrees on it.
 */
export async function previewKey(db: Db, configured?: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured);
  await db.$executeRaw`INSERT INTO system_setting (key, value) VALUES ('preview_key', ${randomBytes(32).toString('base64url')}) ON CONFLICT (key) DO NOTHING`;
  const row = await db.systemSetting.findUniqueOrThrow({ where: { key: 'preview_key' } });
  return Buffer.from(row.value);
}

export function signPreviewToken(key: Buffer, articleId: string, expiresAt: Date): string {
  const payload = `${articleId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

/** The article id the token grants, or null when forged, tampered, expired or for another article. */
export function verifyPreviewToken(key: Buffer, token: string, articleId: string, now = new Date()): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const [id, expiry, signature] = parts as [string, string, string];
  if (id !== articleId || !/^\d{1,12}$/.test(expiry)) return false;
  const expected = createHmac('sha256', key).update(`${id}.${expiry}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return Number(expiry) * 1000 > now.getTime();
}
