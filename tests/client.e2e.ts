import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminClient, createDeliveryClient, ProblemError, VersionConflictError } from '#client';
import { seed } from '../scripts/lib/seed.js';
import { createUser, type TestUser } from './support/factories.js';
import { startAdminApi, startDeliveryApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The typed client (#client) against real apps, as a frontend would use it. */
describe('typed client', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = { DATA_DIR: await mkdtemp(join(tmpdir(), 'dispatch-client-')) };
    await seed(db.url, await testConfig(db.url, shared), () => undefined);
    admin = await startAdminApi(db.url, shared);
    delivery = await startDeliveryApi(db.url, shared);
    editor = await createUser(db.prisma, 'editor');
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  // Ids are read from the database: the test must not depend on how complete the generated response types are yet.
  const idOf = async (slug: string) => (await db.prisma.article.findFirstOrThrow({ where: { slug } })).id;

  it('logs in, and a wrong password is a typed problem', async () => {
    const anonymous = createAdminClient({ baseUrl: admin.url });
    expect(await anonymous.post('/admin/v1/auth/login', { body: { email: editor.email, password: editor.password } })).toMatchObject({
      accessToken: expect.any(String),
      user: { email: editor.email },
    });
    const refused = await anonymous
      .post('/admin/v1/auth/login', { body: { email: editor.email, password: 'not the password' } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemError);
    expect(refused).toMatchObject({ status: 401, code: 'unauthenticated', errors: [] });
  });

  it('creates, then edits with the If-Match of its last read; a stale write is a typed 412 with the current version', async () => {
    const client = createAdminClient({ baseUrl: admin.url, token: editor.token });
    const slug = `client-${Date.now()}`;
    expect(await client.post('/admin/v1/articles', { body: { headline: 'Made by the client', slug } })).toMatchObject({ slug, version: 1 });
    const id = await idOf(slug);
    const path = `/admin/v1/articles/${id}`;
    expect(client.etag(path)).toBeUndefined();

    expect(await client.get('/admin/v1/articles/{id}', { params: { path: { id } } })).toMatchObject({ headline: 'Made by the client' });
    expect(client.etag(path)).toBe('"1"');
    // No If-Match given: the client sends the ETag it read.
    expect(await client.patch('/admin/v1/articles/{id}', { params: { path: { id } }, body: { headline: 'Edited once' } })).toMatchObject({ version: 2 });
    expect(client.etag(path)).toBe('"2"');
    expect(await client.post('/admin/v1/articles/{id}/transitions', { params: { path: { id } }, body: { action: 'submit' } })).toMatchObject({
      status: 'in_review',
      version: 3,
    });

    // Someone else writes in between: this client's ETag is now stale.
    const colleague = createAdminClient({ baseUrl: admin.url, token: editor.token });
    await colleague.get('/admin/v1/articles/{id}', { params: { path: { id } } });
    await colleague.patch('/admin/v1/articles/{id}', { params: { path: { id } }, body: { standfirst: 'A colleague was here' } });

    const conflict = await client
      .patch('/admin/v1/articles/{id}', { params: { path: { id } }, body: { headline: 'Edited twice' } })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(VersionConflictError);
    if (!(conflict instanceof VersionConflictError)) return;
    expect(conflict).toMatchObject({ status: 412, code: 'version_conflict', currentVersion: 4 });

    // An explicit If-Match wins over the kept one.
    const explicit = await client
      .patch('/admin/v1/articles/{id}', { params: { path: { id }, header: { 'If-Match': '"1"' } }, body: { headline: 'x' } })
      .catch((error: unknown) => error);
    expect(explicit).toMatchObject({ status: 412, currentVersion: 4 });

    // Read again, write again: through.
    await client.get('/admin/v1/articles/{id}', { params: { path: { id } } });
    expect(await client.patch('/admin/v1/articles/{id}', { params: { path: { id } }, body: { headline: 'Edited twice' } })).toMatchObject({ version: 5 });
  });

  it('iterates every item of a list across pages, keeping the query', async () => {
    const client = createAdminClient({ baseUrl: admin.url, token: editor.token });
    const prefix = `paged-${Date.now()}`;
    for (let n = 0; n < 5; n++) await client.post('/admin/v1/articles', { body: { headline: `${prefix} ${n}`, slug: `${prefix}-${n}` } });
    const seen: unknown[] = [];
    for await (const article of client.paginate('/admin/v1/articles', { params: { query: { q: prefix, limit: 2 } } })) seen.push(article);
    expect(seen).toHaveLength(5);
    expect(seen).toEqual(expect.arrayContaining([0, 1, 2, 3, 4].map((n) => expect.objectContaining({ slug: `${prefix}-${n}` }))));
  });

  it('reads delivery: an article, a list page by page, a 404 as a problem', async () => {
    const client = createDeliveryClient({ baseUrl: delivery.url });
    expect(await client.get('/content/v1/articles/{slug}', { params: { path: { slug: 'nato-reinforces-presence-in-kosovo' } } })).toMatchObject({
      headline: 'NATO reinforces presence in Kosovo',
    });
    const live: unknown[] = [];
    for await (const summary of client.paginate('/content/v1/articles', { params: { query: { locale: 'en', limit: 1 } } })) live.push(summary);
    expect(live.length).toBe(await db.prisma.publishedArticle.count({ where: { locale: 'en' } }));
    const missing = await client.get('/content/v1/articles/{slug}', { params: { path: { slug: 'no-such-story' } } }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ProblemError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  });
});
