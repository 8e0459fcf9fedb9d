import { withAdminClient } from '#database';
import { ResponseCache } from '../apps/delivery-api/src/http/response-cache.js';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What an operator relies on when PostgreSQL misbehaves: a delivery instance
 * that cannot hear change notices must not keep serving what it cached
 * (the change it missed may be an unpublish), and /health says so.
 */
describe('operations: delivery without its change notices', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;
  let sectionId: string;
  const desk = newsroom(
    () => `${admin.url}/admin/v1`,
    () => sectionId,
  );
  const databaseName = () => new URL(db.url).pathname.slice(1);
  const onServer = <T>(sql: string, values: unknown[] = []) =>
    withAdminClient(process.env.DISPATCH_TEST_SERVER_URL!, (client) => client.query(sql, values) as Promise<T>);
  const get = (path: string) => call(`${delivery.url}/content/v1`, 'GET', path);
  const health = () => call(delivery.url, 'GET', '/health');

  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await sleep(50);
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url);
    editor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma, { slug: 'operations' })).id;
  });
  afterAll(async () => {
    await onServer(`ALTER DATABASE "${databaseName()}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  it('serves nothing from its cache while its LISTEN connection is down, reports it on /health, and recovers by itself', async () => {
    expect((await health()).body).toEqual({ status: 'ok', database: 'up', notifications: 'up' });
    const story = await desk.published(editor);
    const cache = delivery.app.get(ResponseCache);
    expect((await get(`/articles/${story.slug}`)).status).toBe(200);
    const hitsBefore = cache.hits;
    expect((await get(`/articles/${story.slug}`)).status).toBe(200);
    expect(cache.hits).toBe(hitsBefore + 1); // cached

    // The listening connection drops and cannot come back (new connections are refused); the pools keep theirs.
    await onServer(`ALTER DATABASE "${databaseName()}" ALLOW_CONNECTIONS false`);
    await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE '%-listen'`, [databaseName()]);
    await until('delivery reports its notifications down', async () => (await health()).body?.notifications === 'down');
    const degraded = await health();
    expect(degraded.status).toBe(200);
    expect(degraded.body).toEqual({ status: 'degraded', database: 'up', notifications: 'down' });

    // A change delivery cannot hear about: the cached page must not outlive it.
    await desk.transition(editor, story.id, { action: 'unpublish', reason: 'Legal asked us to take it down' });
    expect((await get(`/articles/${story.slug}`)).status).toBe(404);
    const hitsDuring = cache.hits;
    await get('/articles');
    await get('/articles');
    expect(cache.hits).toBe(hitsDuring);

    await onServer(`ALTER DATABASE "${databaseName()}" ALLOW_CONNECTIONS true`);
    await until('delivery hears notices again', async () => (await health()).body?.notifications === 'up');
    await get('/articles');
    await get('/articles');
    expect(cache.hits).toBe(hitsDuring + 1);
  });
});
