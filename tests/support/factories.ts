import { randomBytes } from 'node:crypto';
import { hashPassword, hashToken, newToken, SESSION_PREFIX } from '#auth';
import type { Role } from '#common';
import type { PrismaClient } from '#database';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  password: string;
  /** A live session token for this user. */
  token: string;
  /** Authorization header for fetch. */
  auth: { authorization: string };
}

/** Fast scrypt parameters for test users (the hash records its own parameters). */
const FAST = { N: 1024, r: 8, p: 1 };

/** A user with a session, made directly in the database (fast); login has its own tests. */
export async function createUser(prisma: PrismaClient, role: Role, overrides: { email?: string; name?: string; disabled?: boolean } = {}): Promise<TestUser> {
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const email = overrides.email ?? `${role}-${randomBytes(4).toString('hex')}@example.test`;
  const user = await prisma.user.create({
    data: {
      email,
      name: overrides.name ?? `${role} ${email.split('@')[0]}`,
      role,
      passwordHash: await hashPassword(password, FAST),
      disabled: overrides.disabled ?? false,
    },
  });
  const token = newToken(SESSION_PREFIX);
  await prisma.session.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3600_000) } });
  return { id: user.id, email, role, password, token, auth: { authorization: `Bearer ${token}` } };
}

/** JSON request helper over real HTTP. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { auth?: { authorization: string }; body?: unknown; headers?: Record<string, string> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the API sent
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.auth,
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/** A section (tree node) made directly in the database. */
export async function createSection(
  prisma: PrismaClient,
  overrides: { slug?: string; name?: string; parentId?: string } = {},
): Promise<{ id: string; slug: string }> {
  const slug = overrides.slug ?? `section-${randomBytes(3).toString('hex')}`;
  return prisma.section.create({ data: { slug, name: overrides.name ?? slug, parentId: overrides.parentId ?? null }, select: { id: true, slug: true } });
}

export async function createTag(prisma: PrismaClient, overrides: { slug?: string; name?: string } = {}): Promise<{ id: string; slug: string }> {
  const slug = overrides.slug ?? `tag-${randomBytes(3).toString('hex')}`;
  return prisma.tag.create({ data: { slug, name: overrides.name ?? slug }, select: { id: true, slug: true } });
}

/** An image asset row (no file) with the given credit facts. */
export async function createImage(
  prisma: PrismaClient,
  overrides: { credit?: string; creator?: string; rightsExpireAt?: Date; caption?: string } = {},
): Promise<{ id: string }> {
  const sha256 = randomBytes(32).toString('hex');
  return prisma.mediaAsset.create({
    data: {
      kind: 'image',
      mime: 'image/jpeg',
      bytes: BigInt(1000),
      sha256,
      storageKey: `${sha256.slice(0, 2)}/${sha256}`,
      width: 1600,
      height: 900,
      caption: overrides.caption ?? 'A checkpoint',
      credit: overrides.credit ?? 'AP Photo',
      creator: overrides.creator ?? 'Bojan Slavkovic',
      rightsExpireAt: overrides.rightsExpireAt ?? null,
    },
    select: { id: true },
  });
}
