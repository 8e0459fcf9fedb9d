import { request } from 'node:http';
import { withAdminClient } from '#database';
import { ResponseCache } from '../apps/delivery-api/src/http/response-cache.js';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { image } from './support/media-files.js';
import { newsroom } from './support/newsroom.js';
import { freePort } from './support/ports.js';
import { eventually, runBuilt } from './support/processes.js';
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
    // Cached: a GET is answered from the cache (the publish's own notice may clear an entry made before it arrived).
    await until('the story is served from the cache', async () => {
      const hitsBefore = cache.hits;
      expect((await get(`/articles/${story.slug}`)).status).toBe(200);
      return cache.hits === hitsBefore + 1;
    });

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

describe('operations: graceful shutdown', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('on SIGTERM stops taking connections, lets an upload in flight finish (201, stored), then exits 0', async () => {
    const port = await freePort();
    const reporter = await createUser(db.prisma, 'contributor');
    const app = runBuilt('apps/admin-api/src/main.js', { DATABASE_URL: db.url, ADMIN_API_PORT: String(port), LOG_LEVEL: 'silent' });
    try {
      await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200));
      const boundary = 'dispatch-shutdown-test';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="credit"\r\n\r\nAP Photo\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
      const body = Buffer.concat([head, await image('png', 640, 480), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const half = Math.floor(body.length / 2);
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const upload = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/admin/v1/media',
            headers: { ...reporter.auth, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          },
        );
        upload.on('error', reject);
        // The upload is under way when the signal comes; its second half arrives once the app is draining.
        upload.write(body.subarray(0, half), () => {
          setTimeout(() => {
            app.child.kill('SIGTERM');
            // While it drains, new connections are refused.
            void eventually(() => expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow(), 10_000, 50).then(
              () => upload.end(body.subarray(half)),
              reject,
            );
          }, 300);
        });
      });

      const done = await answer;
      expect(done.status).toBe(201);
      const asset = JSON.parse(done.text) as { id: string; credit: string };
      expect(asset.credit).toBe('AP Photo');
      expect(await app.exited).toBe(0);
      expect(await db.prisma.mediaAsset.findUnique({ where: { id: asset.id } })).not.toBeNull();
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
    }
  });
});
