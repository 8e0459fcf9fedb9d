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
