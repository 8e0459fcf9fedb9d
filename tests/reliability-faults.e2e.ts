import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { applyMigrations, PrismaClient, startEmbeddedPostgres, withAdminClient } from '#database';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { freePort } from './support/ports.js';
import { eventually, runBuilt, type Spawned } from './support/processes.js';
import { report, size } from './support/reliability.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, serverUrl, type TestDatabase } from './support/test-database.js';
import { startReceiver } from './support/webhook-receiver.js';

const figures = {
  scenarios: 0,
  survived: 0,
  lostWrites: 0,
  halfApplied: 0,
  killedConnections: 0,
  acceptedWrites: 0,
  failedDuringFaults: 0,
  duplicatePublishes: 0,
};
afterAll(() => report('faults', figures));

/** Article, revisions and live snapshot agree for every article: nothing half-applied. */
async function inconsistencies(prisma: PrismaClient): Promise<string[]> {
  const problems: string[] = [];
  for (const article of await prisma.article.findMany({ include: { revisions: { select: { number: true } }, published: { select: { revision: true } } } })) {
    const numbers = article.revisions.map((r) => r.number).sort((a, b) => a - b);
    if (numbers.join() !== Array.from({ length: article.currentRevision }, (_, i) => i + 1).join())
      problems.push(`${article.id}: revisions ${numbers} vs ${article.currentRevision}`);
    if ((article.liveRevision === null) !== (article.published === null))
      problems.push(`${article.id}: live ${article.liveRevision} vs snapshot ${article.published?.revision}`);
    if (article.published && article.published.revision !== article.liveRevision)
      problems.push(`${article.id}: snapshot ${article.published.revision} ≠ live ${article.liveRevision}`);
  }
  return problems;
}

describe('faults: connections killed under load', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editors: TestUser[];
  let sectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    delivery = await startDeliveryApi(db.url, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    editors = [await createUser(db.prisma, 'editor'), await createUser(db.prisma, 'editor'), await createUser(db.prisma, 'admin')];
    sectionId = (await createSection(db.prisma)).id;
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  it('recovers without a restart and loses or half-applies no write while pg_terminate_backend kills connections', async () => {
    figures.scenarios++;
    const base = `${admin.url}/admin/v1`;
    const database = new URL(db.url).pathname.slice(1);
    const accepted = new Map<string, string[]>(); // article id → headlines the API accepted
    let stop = false;
    let statuses: Record<number, number> = {};
    const count = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);

    const ids = new Map<TestUser, string>();
    for (const who of editors) {
      const created = await call(base, 'POST', '/articles', { auth: who.auth, body: { headline: `Fault ${who.id}`, sectionId } });
      expect(created.status).toBe(201);
      ids.set(who, created.body.id);
      accepted.set(created.body.id, [created.body.headline]);
    }
    const editorLoop = async (who: TestUser) => {
      const id = ids.get(who)!;
      let n = 0;
      while (!stop) {
        const current = await call(base, 'GET', `/articles/${id}`, { auth: who.auth });
        count(current.status);
        if (current.status !== 200) continue;
        const headline = `Fault ${id.slice(0, 8)} #${++n}`;
        const edit = await call(base, 'PATCH', `/articles/${id}`, { auth: who.auth, body: { headline }, headers: { 'if-match': `"${current.body.version}"` } });
        count(edit.status);
        if (edit.status === 200) accepted.get(id)!.push(headline);
        if (n % 3 === 0 && edit.status === 200) {
          count(
            (
              await call(base, 'POST', `/articles/${id}/transitions`, {
                auth: who.auth,
                body: { action: 'publish' },
                headers: { 'if-match': `"${edit.body.version}"` },
              })
            ).status,
          );
        }
      }
    };
    const readerLoop = async () => {
      while (!stop) count((await call(`${delivery.url}/content/v1`, 'GET', '/articles?limit=20')).status);
    };
    const killerLoop = async () => {
      while (!stop) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const killed = await withAdminClient(serverUrl(), (client) =>
          client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]),
        );
        figures.killedConnections += killed.rowCount ?? 0;
      }
    };
    const loops = [...editors.map(editorLoop), readerLoop(), readerLoop(), killerLoop()];
    await new Promise((resolve) => setTimeout(resolve, size(4000, 30_000)));
    stop = true;
    await Promise.all(loops);
    const duringFaults = statuses;
    statuses = {};

    // No restart: both apps answer normally again.
    await eventually(async () => {
      expect((await fetch(`${admin.url}/health`)).status).toBe(200);
      expect((await fetch(`${delivery.url}/health`)).status).toBe(200);
      expect((await call(base, 'GET', '/me', { auth: editors[0]!.auth })).status).toBe(200);
      expect((await call(`${delivery.url}/content/v1`, 'GET', '/articles')).status).toBe(200);
    });
    // Failures during the kills are clean 503s (or a refused write the client retries), never another 5xx.
    const otherFiveXx = Object.entries(duringFaults).filter(([status]) => Number(status) >= 500 && Number(status) !== 503);
    figures.failedDuringFaults += Object.entries(duringFaults)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
    expect(otherFiveXx).toEqual([]);

    // Every accepted write is in the revisions; nothing half-applied.
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 2 }) });
    try {
      const problems = await inconsistencies(prisma);
      figures.halfApplied += problems.length;
      expect(problems).toEqual([]);
      for (const [id, headlines] of accepted) {
        figures.acceptedWrites += headlines.length;
        const revisions = await prisma.articleRevision.findMany({ where: { articleId: id } });
        const stored = new Set(revisions.map((revision) => (revision.content as { headline: string }).headline));
        const lost = headlines.filter((headline) => !stored.has(headline));
        figures.lostWrites += lost.length;
        expect(lost).toEqual([]);
        const article = await prisma.article.findUniqueOrThrow({ where: { id } });
        expect(article.headline).toBe(headlines.at(-1));
      }
    } finally {
      await prisma.$disconnect();
    }
    expect(figures.killedConnections).toBeGreaterThan(0);
    figures.survived++;
  }, 120_000);
});

describe('faults: PostgreSQL stopped and started', () => {
  it('answers 503 on /health while the database is down, then 200, and serves again without a restart', async () => {
    figures.scenarios++;
    const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-fault-pg-'));
    const port = await freePort();
    let pg = await startEmbeddedPostgres({ dataDir, port, database: 'dispatch' });
    let admin: RunningApp | undefined;
    let delivery: RunningApp | undefined;
    try {
      await applyMigrations(pg.url, join(process.cwd(), 'prisma/migrations'));
      admin = await startAdminApi(pg.url);
      delivery = await startDeliveryApi(pg.url);
      let prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: pg.url, max: 1 }) });
      const editor = await createUser(prisma, 'editor');
      await prisma.$disconnect();
      expect((await fetch(`${admin.url}/health`)).status).toBe(200);

      await pg.stop();
      for (const app of [admin, delivery]) {
        await eventually(async () => expect((await fetch(`${app.url}/health`)).status).toBe(503), 15_000);
      }
      const down = await call(`${admin.url}/admin/v1`, 'GET', '/me', { auth: editor.auth });
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('service_unavailable');

      pg = await startEmbeddedPostgres({ dataDir, port, database: 'dispatch' });
      for (const app of [admin, delivery]) {
        await eventually(async () => expect((await fetch(`${app.url}/health`)).status).toBe(200), 30_000);
      }
      await eventually(async () => expect((await call(`${admin!.url}/admin/v1`, 'GET', '/me', { auth: editor.auth })).status).toBe(200), 30_000);
      const created = await call(`${admin!.url}/admin/v1`, 'POST', '/articles', { auth: editor.auth, body: { headline: 'After the outage' } });
      expect(created.status).toBe(201);
      await eventually(async () => expect((await call(`${delivery!.url}/content/v1`, 'GET', '/articles')).status).toBe(200), 30_000);
      prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: pg.url, max: 1 }) });
      expect(await inconsistencies(prisma)).toEqual([]);
      await prisma.$disconnect();
      figures.survived++;
    } finally {
      await Promise.all([admin?.close(), delivery?.close()]);
      await pg.stop();
    }
  }, 180_000);
});

describe('faults: the worker killed -9', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let editor: TestUser;
  let sectionId: string;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url, { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
    editor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma)).id;
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await admin?.close();
    await db?.drop();
  });

  const startWorker = () => {
    const worker = runBuilt('apps/worker/src/main.js', {
      DATABASE_URL: db.url,
      WORKER_POLL_MS: '100',
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_BASE_MS: '100',
      LOG_LEVEL: 'warn',
    });
    workers.push(worker);
    return worker;
  };

  it('completes scheduled publishing and webhook delivery exactly once after being killed mid-publish and mid-webhook', async () => {
    figures.scenarios++;
    const base = `${admin.url}/admin/v1`;
    const receiver = await startReceiver(200);
    const adminUser = await createUser(db.prisma, 'admin');
    const hook = await call(base, 'POST', '/webhooks', { auth: adminUser.auth, body: { url: receiver.url, events: ['article.published'] } });
    expect(hook.status).toBe(201);

    // Many stories due at the same moment.
    const total = size(12, 60);
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      const created = await call(base, 'POST', '/articles', { auth: editor.auth, body: { headline: `Due ${i}`, sectionId } });
      let version: number = created.body.version;
      for (const body of [{ action: 'submit' }, { action: 'approve' }, { action: 'schedule', publishAt: new Date(Date.now() + 60_000).toISOString() }]) {
        const moved = await call(base, 'POST', `/articles/${created.body.id}/transitions`, {
          auth: editor.auth,
          body,
          headers: { 'if-match': `"${version}"` },
        });
        expect(moved.status).toBe(200);
        version = moved.body.version;
      }
      ids.push(created.body.id);
    }
    await db.prisma.article.updateMany({ where: { id: { in: ids } }, data: { publishAt: new Date(Date.now() - 1000) } });
    // Slow receiver: requests are in flight when the worker dies.
    receiver.script(
      Array.from({ length: 3 }, () => 'hang'),
      200,
    );

    // Kill -9 mid-publish: as soon as some but not all are live.
    const first = startWorker();
    await eventually(async () => expect(await db.prisma.publishedArticle.count({ where: { articleId: { in: ids } } })).toBeGreaterThan(0), 30_000, 10);
    first.child.kill('SIGKILL');
    await first.exited;
    const liveAfterKill = await db.prisma.publishedArticle.count({ where: { articleId: { in: ids } } });

    // Kill -9 mid-webhook: once the receiver has a request hanging.
    const second = startWorker();
    await eventually(async () => expect(receiver.requests.length).toBeGreaterThan(0), 30_000, 20);
    second.child.kill('SIGKILL');
    await second.exited;

    startWorker();
    await eventually(
      async () => {
        expect(await db.prisma.publishedArticle.count({ where: { articleId: { in: ids } } })).toBe(total);
        const events = await db.prisma.outboxEvent.findMany({ where: { type: 'article.published' }, select: { id: true } });
        expect(events).toHaveLength(total);
        const succeeded = await db.prisma.webhookDelivery.count({ where: { subscriptionId: hook.body.id, status: 'succeeded' } });
        expect(succeeded).toBe(total);
      },
      90_000,
      250,
    );

    // Exactly once: one publish per story (audit and outbox), one succeeded delivery per event.
    for (const id of ids) {
      const publishes = await db.prisma.auditEvent.count({ where: { entityId: id, action: 'article.published' } });
      if (publishes !== 1) figures.duplicatePublishes++;
      expect({ id, publishes }).toEqual({ id, publishes: 1 });
      const article = await db.prisma.article.findUniqueOrThrow({ where: { id } });
      expect(article).toMatchObject({ status: 'published', liveRevision: article.currentRevision });
    }
    const deliveries = await db.prisma.webhookDelivery.findMany({ where: { subscriptionId: hook.body.id } });
    expect(new Set(deliveries.map((delivery) => delivery.eventId)).size).toBe(total);
    expect(await inconsistencies(db.prisma)).toEqual([]);
    const received = receiver.requests.filter((request) => request.answered === 200).map((request) => String(request.headers['x-dispatch-delivery']));
    report('faults-worker', {
      stories: total,
      liveWhenKilledMidPublish: liveAfterKill,
      receivedOk: received.length,
      distinctDeliveriesOk: new Set(received).size,
    });
    await receiver.close();
    figures.survived++;
  }, 180_000);
});
