import { Controller, Get, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AuthModule, LOGIN_LIMITS } from '#auth';
import { ConfigModule } from '#common';
import { DatabaseModule } from '#database';
import { call, createUser, type TestUser } from './support/factories.js';
import { startAdminApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('people and access', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let admin: TestUser;
  let editor: TestUser;
  let contributor: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url);
    admin = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    contributor = await createUser(db.prisma, 'contributor');
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;

  it('logs in with email and password and returns an expiring bearer token', async () => {
    const login = await call(base(), 'POST', '/auth/login', { body: { email: editor.email.toUpperCase(), password: editor.password } });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 43200, user: { id: editor.id, role: 'editor', email: editor.email } });
    expect(login.body.user.passwordHash).toBeUndefined();
    const me = await call(base(), 'GET', '/me', { auth: { authorization: `Bearer ${login.body.accessToken}` } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: editor.id, role: 'editor' });
  });

  it('refuses a wrong password or unknown email alike, and records the failure', async () => {
    const wrong = await call(base(), 'POST', '/auth/login', { body: { email: editor.email, password: 'nope-nope-nope' } });
    const unknown = await call(base(), 'POST', '/auth/login', { body: { email: 'ghost@example.test', password: 'nope-nope-nope' } });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'unauthenticated', detail: 'Email or password is not correct' });
    }
    const failures = await db.prisma.auditEvent.findMany({ where: { action: 'auth.login_failed' } });
    expect(failures.map((event) => (event.data as { email: string }).email)).toEqual(expect.arrayContaining([editor.email, 'ghost@example.test']));
  });

  it('rate-limits failed logins per account and address', async () => {
    const victim = await createUser(db.prisma, 'editor');
    for (let i = 0; i < LOGIN_LIMITS.accountAddress.max; i++) {
      expect((await call(base(), 'POST', '/auth/login', { body: { email: victim.email, password: 'wrong-password' } })).status).toBe(401);
    }
    const blocked = await call(base(), 'POST', '/auth/login', { body: { email: victim.email, password: victim.password } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects missing, malformed and unknown tokens with 401', async () => {
    expect((await call(base(), 'GET', '/me')).status).toBe(401);
    expect((await call(base(), 'GET', '/me', { auth: { authorization: 'Bearer nonsense' } })).status).toBe(401);
    expect((await call(base(), 'GET', '/me', { auth: { authorization: `Bearer dsp_s_${'A'.repeat(43)}` } })).status).toBe(401);
    const basic = await call(base(), 'GET', '/me', { auth: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('cuts off a disabled user on the very next request, and keeps at least one admin', async () => {
    const reporter = await createUser(db.prisma, 'contributor');
    expect((await call(base(), 'GET', '/me', { auth: reporter.auth })).status).toBe(200);
    const disabled = await call(base(), 'PATCH', `/users/${reporter.id}`, { auth: admin.auth, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await call(base(), 'GET', '/me', { auth: reporter.auth })).status).toBe(401);
    const login = await call(base(), 'POST', '/auth/login', { body: { email: reporter.email, password: reporter.password } });
    expect(login.status).toBe(401);

    const demote = await call(base(), 'PATCH', `/users/${admin.id}`, { auth: admin.auth, body: { role: 'editor' } });
    expect(demote.status).toBe(409);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin');
  });

  it('keeps a text search on every page of the user list (page 2 of ?q= was unfiltered)', async () => {
    for (const name of ['Milica Kosovka', 'Marko Kosovac', 'Ana Petrović']) await createUser(db.prisma, 'contributor', { name });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(base(), 'GET', `/users?q=kosov&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { auth: admin.auth });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((user: { name: string }) => user.name));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen.sort()).toEqual(['Marko Kosovac', 'Milica Kosovka']);
  });

  it('lets only admins manage users; a contributor cannot escalate their own role', async () => {
    const escalate = await call(base(), 'PATCH', `/users/${contributor.id}`, { auth: contributor.auth, body: { role: 'admin' } });
    expect(escalate.status).toBe(403);
    expect(escalate.body.code).toBe('forbidden');
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: contributor.id } })).role).toBe('contributor');
    expect((await call(base(), 'GET', '/users', { auth: editor.auth })).status).toBe(403);

    const created = await call(base(), 'POST', '/users', {
      auth: admin.auth,
      body: { email: 'New.Person@Example.test', name: 'New Person', role: 'contributor', password: 'long enough password' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.person@example.test', role: 'contributor', disabled: false });
    const duplicate = await call(base(), 'POST', '/users', {
      auth: admin.auth,
      body: { email: 'new.person@example.test', name: 'Again', role: 'editor', password: 'long enough password' },
    });
    expect(duplicate.status).toBe(409);

    const promoted = await call(base(), 'PATCH', `/users/${created.body.id}`, { auth: admin.auth, body: { role: 'editor' } });
    expect(promoted.body.role).toBe('editor');
    const roleChange = await db.prisma.auditEvent.findFirst({ where: { action: 'user.role_changed', entityId: created.body.id } });
    expect(roleChange).toMatchObject({ actorId: admin.id, data: { from: 'contributor', to: 'editor' } });

    // null is not "leave it as it is": a field that cannot be cleared refuses it.
    const nullRole = await call(base(), 'PATCH', `/users/${created.body.id}`, { auth: admin.auth, body: { role: null } });
    expect({ status: nullRole.status, code: nullRole.body.code }).toEqual({ status: 400, code: 'validation_failed' });

    const invalid = await call(base(), 'POST', '/users', {
      auth: admin.auth,
      body: { email: 'not-an-email', name: '', role: 'boss', password: 'short', extra: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('validation_failed');
    expect(invalid.body.errors.map((error: { path: string }) => error.path)).toEqual(expect.arrayContaining(['email', 'name', 'role', 'password', 'extra']));
  });

  it('issues API tokens shown once, hashed at rest, carrying a role, revocable at once', async () => {
    const created = await call(base(), 'POST', '/api-tokens', { auth: admin.auth, body: { name: 'site build', role: 'editor' } });
    expect(created.status).toBe(201);
    const value: string = created.body.token;
    expect(value).toMatch(/^dsp_t_/);
    const stored = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(stored)).not.toContain(value);

    const tokenAuth = { authorization: `Bearer ${value}` };
    const me = await call(base(), 'GET', '/me', { auth: tokenAuth });
    expect(me.body).toMatchObject({ type: 'api_token', role: 'editor' });
    expect((await call(base(), 'GET', '/users', { auth: tokenAuth })).status).toBe(403);
    const listed = await call(base(), 'GET', '/api-tokens', { auth: admin.auth });
    const row = listed.body.data.find((token: { id: string }) => token.id === created.body.id);
    expect(row.token).toBeUndefined();
    expect(row.lastUsedAt).not.toBeNull();

    expect((await call(base(), 'DELETE', `/api-tokens/${created.body.id}`, { auth: admin.auth })).status).toBe(204);
    expect((await call(base(), 'GET', '/me', { auth: tokenAuth })).status).toBe(401);
    expect(await db.prisma.auditEvent.count({ where: { action: 'api_token.created', entityId: created.body.id } })).toBe(1);
  });

  it('refuses expired API tokens', async () => {
    const created = await call(base(), 'POST', '/api-tokens', {
      auth: admin.auth,
      body: { name: 'short-lived', role: 'contributor', expiresAt: new Date(Date.now() + 60_000).toISOString() },
    });
    await db.prisma.apiToken.update({ where: { id: created.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(base(), 'GET', '/me', { auth: { authorization: `Bearer ${created.body.token}` } })).status).toBe(401);
  });

  it('shows the audit log to admins only, filtered and paged', async () => {
    expect((await call(base(), 'GET', '/audit', { auth: contributor.auth })).status).toBe(403);
    expect((await call(base(), 'GET', '/audit', { auth: editor.auth })).status).toBe(403);
    const page = await call(base(), 'GET', '/audit?action=auth.login_failed&limit=1', { auth: admin.auth });
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await call(base(), 'GET', `/audit?action=auth.login_failed&limit=1&cursor=${page.body.nextCursor}`, { auth: admin.auth });
    expect(next.body.data[0].id).not.toBe(page.body.data[0].id);
    expect((await call(base(), 'GET', '/audit?cursor=garbage', { auth: admin.auth })).status).toBe(400);
    expect((await call(base(), 'GET', '/audit?limit=500', { auth: admin.auth })).status).toBe(400);
  });
});

describe('deny by default', () => {
  it('refuses to start an app with a route that declares no permission', async () => {
    @Controller('oops')
    class ForgetfulController {
      @Get()
      open() {
        return 'should never be reachable';
      }
    }
    const db = await createTestDatabase();
    try {
      const config = await testConfig(db.url);
      @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot({ url: db.url }), AuthModule], controllers: [ForgetfulController] })
      class BadModule {}
      const moduleRef = await Test.createTestingModule({ imports: [BadModule] }).compile();
      const app = moduleRef.createNestApplication(new FastifyAdapter());
      await expect(app.init()).rejects.toThrow(/routes without a declared permission: ForgetfulController.open/);
      await app.close().catch(() => undefined);
    } finally {
      await db.drop();
    }
  });
});
