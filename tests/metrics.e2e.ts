import pg from 'pg';
import { MetricsListener } from '#common';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { freePort } from './support/ports.js';
import { eventually, runBuilt, type Spawned } from './support/processes.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const METRICS_TOKEN = 'scrape-token-for-the-metrics-test';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (no escapes in our label values). */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The one sample of `name` whose labels include `labels`; undefined when there is none. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${found.length} samples`);
  return found[0]?.value;
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await response.text());
}

describe('metrics', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let deliveryMetrics: string;
  let editor: TestUser;
  let adminUser: TestUser;
  let contributor: TestUser;
  let sectionId: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url, { METRICS_TOKEN, WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
    delivery = await startDeliveryApi(db.url);
    // What runHttpApp does in main.ts, on a free port.
    deliveryMetrics = `http://127.0.0.1:${await delivery.app.get(MetricsListener).listen('127.0.0.1', 0)}/metrics`;
    editor = await createUser(db.prisma, 'editor');
    adminUser = await createUser(db.prisma, 'admin');
    contributor = await createUser(db.prisma, 'contributor');
    sectionId = (await createSection(db.prisma)).id;
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  const desk = newsroom(
    () => `${admin.url}/admin/v1`,
    () => sectionId,
  );
  const content = (path: string) => fetch(`${delivery.url}/content/v1${path}`);

  it('counts delivery cache misses and hits (answered before routing) by route pattern, 404s, pool and process series', async () => {
    const story = await desk.published(editor);
    // Until the publish's notice has reached delivery, an answer it caches may be dropped: wait for a hit first.
    const hitsNow = async () => value(await scrape(deliveryMetrics), 'dispatch_delivery_cache_hits_total', { app: 'delivery-api' }) ?? 0;
    for (let attempt = 0; ; attempt++) {
      const hitsBefore = await hitsNow();
      expect((await content(`/articles/${story.slug}`)).status).toBe(200);
      if ((await hitsNow()) > hitsBefore) break;
      if (attempt > 100) throw new Error('the story was never served from the cache');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const before = await scrape(deliveryMetrics);
    const route = { app: 'delivery-api', method: 'GET', route: '/content/v1/articles/:slug' };
    const ok = (samples: Sample[]) => value(samples, 'dispatch_http_requests_total', { ...route, status: '200' }) ?? 0;
    const hits = (samples: Sample[]) => value(samples, 'dispatch_delivery_cache_hits_total', { app: 'delivery-api' }) ?? 0;
    const misses = (samples: Sample[]) => value(samples, 'dispatch_delivery_cache_misses_total', { app: 'delivery-api' }) ?? 0;

    expect((await content(`/articles/${story.slug}`)).status).toBe(200);
    expect((await content(`/articles/${story.slug}`)).status).toBe(200);
    expect((await content('/articles/no-such-story')).status).toBe(404);
    expect((await content(`/no/route/${'x'.repeat(20)}`)).status).toBe(404);

    const after = await scrape(deliveryMetrics);
    // Both answers counted under the pattern, both hits served from the edge hook; the two 404s are misses.
    expect(ok(after) - ok(before)).toBe(2);
    expect(hits(after) - hits(before)).toBe(2);
    expect(misses(after) - misses(before)).toBe(2);
    expect(value(after, 'dispatch_http_requests_total', { ...route, status: '404' })).toBe(1);
    // A URL no route matches is one label, never the raw path.
    expect(value(after, 'dispatch_http_requests_total', { app: 'delivery-api', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(after.some((s) => s.labels.route?.includes('no-such-story') || s.labels.route?.includes('/no/route'))).toBe(false);
    expect(value(after, 'dispatch_http_request_duration_seconds_count', { ...route, status_class: '2xx' })).toBeGreaterThanOrEqual(2);
    expect(value(after, 'dispatch_http_request_duration_seconds_bucket', { ...route, status_class: '2xx', le: '+Inf' })).toBeGreaterThanOrEqual(2);

    expect(value(after, 'dispatch_delivery_cache_entries')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'dispatch_delivery_cache_bytes')).toBeGreaterThan(100);
    expect(value(after, 'dispatch_delivery_cache_evictions_total', { reason: 'capacity' })).toBe(0);
    expect(value(after, 'dispatch_delivery_media_cache_entries')).toBeGreaterThanOrEqual(0);
    expect(value(after, 'dispatch_db_pool_connections_max', { app: 'delivery-api', pool: 'main' })).toBe(10);
    expect(value(after, 'dispatch_db_pool_connections_idle', { pool: 'main' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'dispatch_db_pool_connections_in_use', { pool: 'main' })).toBeGreaterThanOrEqual(0);
    expect(value(after, 'dispatch_db_pool_waiting_requests', { pool: 'main' })).toBe(0);
    expect(value(after, 'process_resident_memory_bytes', { app: 'delivery-api' })).toBeGreaterThan(0);
    expect(value(after, 'nodejs_eventloop_lag_seconds', { app: 'delivery-api' })).toBeGreaterThanOrEqual(0);
    // Every series says which app it is from.
    expect(after.filter((s) => s.labels.app !== 'delivery-api')).toEqual([]);
  });

  it('counts the invalidation a publish causes, by kind, and the cache empties', async () => {
    const story = await desk.published(editor);
    expect((await content(`/articles/${story.slug}`)).status).toBe(200);
    const before = await scrape(deliveryMetrics);
    const articleNotices = (samples: Sample[]) => value(samples, 'dispatch_delivery_cache_invalidations_total', { kind: 'article' }) ?? 0;
    expect(value(before, 'dispatch_delivery_cache_entries')).toBeGreaterThanOrEqual(1);

    await desk.published(editor);
    const after = await eventually(async () => {
      const samples = await scrape(deliveryMetrics);
      if (articleNotices(samples) <= articleNotices(before)) throw new Error('no invalidation counted yet');
      return samples;
    });
    expect(value(after, 'dispatch_delivery_cache_entries')).toBe(0);
    expect(value(after, 'dispatch_delivery_cache_bytes')).toBe(0);
  });

  it('is not on the delivery API’s public port', async () => {
    expect((await fetch(`${delivery.url}/metrics`)).status).toBe(404);
    expect((await content('/metrics')).status).toBe(404);
    // The separate listener serves /metrics only.
    expect((await fetch(deliveryMetrics.replace('/metrics', '/'))).status).toBe(404);
  });

  it('serves the admin API’s GET /metrics to an admin or the scrape token, and refuses everyone else', async () => {
    const metricsUrl = `${admin.url}/metrics`;
    const refused = async (headers: Record<string, string>, status: number, code: string) => {
      const response = await call(admin.url, 'GET', '/metrics', { headers });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe(code);
    };
    await refused({}, 401, 'unauthenticated');
    await refused({ authorization: 'Bearer not-the-token' }, 401, 'unauthenticated');
    await refused({ authorization: `Bearer ${METRICS_TOKEN}x` }, 401, 'unauthenticated');
    await refused(contributor.auth, 403, 'forbidden');
    await refused(editor.auth, 403, 'forbidden');

    // Drive an admin route, then read it back by its pattern.
    expect((await call(`${admin.url}/admin/v1`, 'GET', `/articles/${crypto.randomUUID()}`, { auth: editor.auth })).status).toBe(404);
    const byToken = await scrape(metricsUrl, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(value(byToken, 'dispatch_http_requests_total', { app: 'admin-api', method: 'GET', route: '/admin/v1/articles/:id', status: '404' })).toBe(1);
    expect(value(byToken, 'dispatch_db_pool_connections_max', { app: 'admin-api' })).toBe(10);
    // Scrapes are left out of the request series; refusals of /metrics too.
    expect(byToken.filter((s) => s.labels.route === '/metrics')).toEqual([]);

    const bySession = await scrape(metricsUrl, adminUser.auth);
    expect(value(bySession, 'process_cpu_user_seconds_total', { app: 'admin-api' })).toBeGreaterThan(0);
    const apiToken = await call(`${admin.url}/admin/v1`, 'POST', '/api-tokens', { auth: adminUser.auth, body: { name: 'prometheus', role: 'admin' } });
    expect(apiToken.status).toBe(201);
    await scrape(metricsUrl, { authorization: `Bearer ${apiToken.body.token}` });

    // At the root like /health, not under the prefix; and not in the OpenAPI document.
    expect((await call(`${admin.url}/admin/v1`, 'GET', '/metrics', { auth: adminUser.auth })).status).toBe(404);
    const docs = await call(admin.url, 'GET', '/admin/docs/openapi.json');
    expect(Object.keys(docs.body.paths).filter((path) => path.includes('metrics'))).toEqual([]);
  });

  describe('the worker’s listener', () => {
    let worker: Spawned;
    let workerMetrics: string;
    let receiver: WebhookReceiver;

    beforeAll(async () => {
      receiver = await startReceiver(500);
      cleanups.push(() => receiver.close());
      const port = await freePort();
      worker = runBuilt('apps/worker/src/main.js', {
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        WORKER_POLL_MS: '100',
        WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
        WEBHOOK_RETRY_BASE_MS: '50',
        WORKER_METRICS_PORT: String(port),
      });
      cleanups.push(async () => {
        if (worker.child.exitCode === null) {
          worker.child.kill('SIGTERM');
          await worker.exited;
        }
      });
      workerMetrics = `http://127.0.0.1:${port}/metrics`;
      await eventually(async () => {
        if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.output()}`);
        await scrape(workerMetrics);
      });
    });

    it('answers /health on the same port (the worker has no other HTTP server)', async () => {
      const response = await fetch(workerMetrics.replace(/\/metrics$/, '/health'));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      // The worker listens for wake-ups: it reports whether it hears them, as delivery does.
      expect(await response.json()).toEqual({ status: 'ok', database: 'up', notifications: 'up' });
    });

    it('times scheduled publishes against their publishAt', async () => {
      const story = await desk.draft(editor);
      await desk.transition(editor, story.id, { action: 'submit' });
      await desk.transition(editor, story.id, { action: 'approve' });
      const publishAt = new Date(Date.now() + 1500);
      await desk.transition(editor, story.id, { action: 'schedule', publishAt: publishAt.toISOString() });
      const samples = await eventually(async () => {
        const scraped = await scrape(workerMetrics);
        if (value(scraped, 'dispatch_scheduled_publish_lateness_seconds_count') !== 1) throw new Error('not published yet');
        return scraped;
      });
      const live = await db.prisma.publishedArticle.findUniqueOrThrow({ where: { articleId: story.id } });
      expect(live.publishedAt.getTime()).toBeGreaterThanOrEqual(publishAt.getTime());
      const sum = value(samples, 'dispatch_scheduled_publish_lateness_seconds_sum', { app: 'worker' })!;
      expect(sum).toBeGreaterThanOrEqual(0);
      expect(sum).toBeLessThan(30);
      expect(value(samples, 'dispatch_scheduled_publish_lateness_seconds_bucket', { le: '+Inf' })).toBe(1);
      expect(value(samples, 'dispatch_scheduled_publish_failures_total')).toBe(0);
    });

    it('counts failed webhook deliveries and shows the pending queue', async () => {
      const created = await call(`${admin.url}/admin/v1`, 'POST', '/webhooks', {
        auth: adminUser.auth,
        body: { url: receiver.url, events: ['article.published'] },
      });
      expect(created.status).toBe(201);
      await desk.published(editor);
      const samples = await eventually(async () => {
        const scraped = await scrape(workerMetrics);
        if ((value(scraped, 'dispatch_webhook_delivery_failures_total') ?? 0) < 1) throw new Error('no failure counted yet');
        return scraped;
      });
      expect(receiver.requests.length).toBeGreaterThanOrEqual(1);
      expect(value(samples, 'dispatch_webhook_delivery_attempts_total', { outcome: 'failed' })).toBeGreaterThanOrEqual(1);
      // Retried with backoff: still pending.
      expect(value(samples, 'dispatch_webhook_queue_depth', { app: 'worker' })).toBeGreaterThanOrEqual(1);
      expect(value(samples, 'dispatch_webhook_queue_due')).toBeGreaterThanOrEqual(0);
      expect(value(samples, 'dispatch_db_pool_connections_max', { app: 'worker' })).toBe(4);
    });

    it('reports how old the oldest undispatched outbox event is', async () => {
      const idle = await scrape(workerMetrics);
      expect(value(idle, 'dispatch_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
      // An event ten minutes old that the worker cannot take: a transaction holds its row lock (fan-out skips locked rows).
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        let stuck: Sample[] | undefined;
        // The worker may take the row between its insert and the lock (a millisecond in a 100 ms poll): then try another.
        for (let attempt = 0; attempt < 5 && !stuck; attempt++) {
          const { rows } = await client.query<{ id: string }>(
            `INSERT INTO outbox_event (id, type, data, occurred_at) VALUES (gen_random_uuid(), 'test.stuck', '{}', now() - interval '10 minutes') RETURNING id`,
          );
          await client.query('BEGIN');
          const locked = await client.query('SELECT id FROM outbox_event WHERE id = $1 AND dispatched_at IS NULL FOR UPDATE', [rows[0]!.id]);
          if (locked.rowCount === 1) stuck = await scrape(workerMetrics);
          await client.query('ROLLBACK');
        }
        expect(stuck).toBeDefined();
        expect(value(stuck!, 'dispatch_outbox_lag_seconds')).toBeGreaterThanOrEqual(600);
        expect(value(stuck!, 'dispatch_outbox_pending_events')).toBeGreaterThanOrEqual(1);
      } finally {
        await client.end();
      }
      // Released, the worker fans it out and the lag falls back.
      await eventually(async () => {
        if ((value(await scrape(workerMetrics), 'dispatch_outbox_lag_seconds') ?? NaN) >= 600) throw new Error('still lagging');
      });
    });
  });
});
