import type { INestApplicationContext } from '@nestjs/common';
import { verifyWebhookSignature } from '#content';
import { emitEvent, type Prisma } from '#database';
import { createWorker } from '../apps/worker/src/worker.app.js';
import { call, createUser, type TestUser } from './support/factories.js';
import { eventually, runBuilt, type Spawned } from './support/processes.js';
import { startAdminApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const LOOPBACK = { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' };

describe('webhooks over the outbox', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let admin: TestUser;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url, LOOPBACK);
    admin = await createUser(db.prisma, 'admin');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    // Each test's subscriptions would otherwise receive the next test's events.
    await db.prisma.webhookSubscription.deleteMany();
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;

  async function receiver(): Promise<WebhookReceiver> {
    const started = await startReceiver();
    cleanups.push(() => started.close());
    return started;
  }

  async function worker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
    const config = await testConfig(db.url, { ...LOOPBACK, WORKER_POLL_MS: '100', ...env });
    const context = await createWorker(config, db.url);
    cleanups.push(() => context.close());
    return context;
  }

  function workerProcess(env: Record<string, string> = {}): Spawned {
    const spawned = runBuilt('apps/worker/src/main.js', { DATABASE_URL: db.url, LOG_LEVEL: 'silent', WORKER_POLL_MS: '100', ...LOOPBACK, ...env });
    cleanups.push(async () => {
      if (spawned.child.exitCode === null && spawned.child.signalCode === null) {
        spawned.child.kill('SIGKILL');
        await spawned.exited;
      }
    });
    return spawned;
  }

  async function subscribe(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
    const created = await call(base(), 'POST', '/webhooks', { auth: admin.auth, body });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function emit(type: string, data: Prisma.InputJsonValue): Promise<string> {
    return db.prisma.$transaction(async (tx) => {
      await emitEvent(tx, { type, data });
      const row = await tx.outboxEvent.findFirstOrThrow({ where: { type }, orderBy: { seq: 'desc' } });
      return row.id;
    });
  }

  function deliveryOf(webhookId: string, eventId: string) {
    return db.prisma.webhookDelivery.findUniqueOrThrow({ where: { subscriptionId_eventId: { subscriptionId: webhookId, eventId } } });
  }

  /** What the articles workflow puts in a publish event: purge keys and public URLs. */
  const publishedData = {
    articleId: '6f1c1f0e-8a44-4b35-9a55-3d6f0d0a0001',
    slug: 'nato-reinforces-presence-in-kosovo',
    locale: 'en',
    surrogateKeys: ['article:6f1c1f0e-8a44-4b35-9a55-3d6f0d0a0001', 'section:world', 'tag:kosovo'],
    urls: ['http://localhost:8080/en/world/nato-reinforces-presence-in-kosovo'],
  };

  it('an event the receiver refuses twice (503, 503, 200) ends in exactly one success within a minute, signed, with three attempts logged', async () => {
    const hook = await receiver();
    hook.script([503, 503], 200);
    const { id, secret } = await subscribe({ url: hook.url, events: ['article.published'] });
    await worker(); // the default retry schedule: ~2 s, then ~6 s
    const started = Date.now();
    const eventId = await emit('article.published', publishedData);

    const delivery = await eventually(async () => {
      const row = await deliveryOf(id, eventId);
      expect(row.status).toBe('succeeded');
      return row;
    }, 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);

    expect(hook.requests.map((request) => request.answered)).toEqual([503, 503, 200]);
    for (const request of hook.requests) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-dispatch-event']).toBe('article.published');
      expect(request.headers['x-dispatch-delivery']).toBe(delivery.id);
      expect(verifyWebhookSignature(secret, request.rawBody, request.headers['x-dispatch-signature'] as string)).toBe(true);
      expect(JSON.parse(request.rawBody)).toEqual({ id: eventId, type: 'article.published', occurredAt: expect.any(String), data: publishedData });
    }
    expect(verifyWebhookSignature('another-secret-entirely', hook.requests[0]!.rawBody, hook.requests[0]!.headers['x-dispatch-signature'] as string)).toBe(
      false,
    );
    // the first retries come seconds apart, not minutes
    expect(hook.requests[1]!.at - hook.requests[0]!.at).toBeLessThan(5_000);
    expect(hook.requests[2]!.at - hook.requests[1]!.at).toBeLessThan(15_000);

    const log = await call(base(), 'GET', `/webhooks/${id}/deliveries/${delivery.id}`, { auth: admin.auth });
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ id: delivery.id, eventId, eventType: 'article.published', attempt: 3, status: 'succeeded', responseStatus: 200 });
    expect(log.body.attempts.map((attempt: { number: number; responseStatus: number }) => [attempt.number, attempt.responseStatus])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(log.body.attempts[0]).toMatchObject({ responseExcerpt: 'receiver says 503', durationMs: expect.any(Number), at: expect.any(String) });
    const succeeded = await call(base(), 'GET', `/webhooks/${id}/deliveries?status=succeeded`, { auth: admin.auth });
    expect(succeeded.body.data.map((row: { id: string }) => row.id)).toEqual([delivery.id]);
  });

  it('delivers each event to every matching subscription, and nothing from a rolled-back transaction', async () => {
    const everything = await receiver();
    const tagsOnly = await receiver();
    const all = await subscribe({ url: everything.url });
    const tags = await subscribe({ url: tagsOnly.url, events: ['tag.merged'] });
    await subscribe({ url: everything.url, active: false });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await emitEvent(tx, { type: 'tag.merged', data: { rolledBack: true } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const merged = await emit('tag.merged', { fromId: 'a', intoId: 'b' });
    const media = await emit('media.updated', { mediaId: 'm1' });
    await worker();

    await eventually(async () => {
      expect((await deliveryOf(all.id, merged)).status).toBe('succeeded');
      expect((await deliveryOf(all.id, media)).status).toBe('succeeded');
      expect((await deliveryOf(tags.id, merged)).status).toBe('succeeded');
    });
    expect(everything.requests.map((request) => request.headers['x-dispatch-event']).sort()).toEqual(['media.updated', 'tag.merged']);
    expect(tagsOnly.requests.map((request) => JSON.parse(request.rawBody).id)).toEqual([merged]);
    expect(await db.prisma.webhookDelivery.count({ where: { subscriptionId: tags.id } })).toBe(1);
    expect(await db.prisma.outboxEvent.count({ where: { dispatchedAt: null } })).toBe(0);
  });

  it('a receiver down for the whole retry window ends in failed with every attempt logged; redelivery sends it again', async () => {
    const hook = await receiver();
    hook.script([500, 'hang'], 502);
    const { id } = await subscribe({ url: hook.url });
    await worker({ WEBHOOK_MAX_ATTEMPTS: '4', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_TIMEOUT_MS: '300' });
    const eventId = await emit('collection.updated', { collectionId: 'top-stories' });

    const delivery = await eventually(async () => {
      const row = await deliveryOf(id, eventId);
      expect(row.status).toBe('failed');
      return row;
    }, 20_000);
    expect(delivery.attempt).toBe(4);
    const log = await call(base(), 'GET', `/webhooks/${id}/deliveries/${delivery.id}`, { auth: admin.auth });
    expect(log.body.attempts).toEqual([
      expect.objectContaining({ number: 1, responseStatus: 500, error: null, responseExcerpt: 'receiver says 500' }),
      expect.objectContaining({ number: 2, responseStatus: null, error: 'timed out after 300 ms' }),
      expect.objectContaining({ number: 3, responseStatus: 502 }),
      expect.objectContaining({ number: 4, responseStatus: 502 }),
    ]);
    expect(log.body.attempts[1].durationMs).toBeGreaterThanOrEqual(290);
    expect(hook.requests).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hook.requests).toHaveLength(4);

    const failed = await call(base(), 'GET', `/webhooks/${id}/deliveries?status=failed&eventType=collection.updated`, { auth: admin.auth });
    expect(failed.body.data).toEqual([expect.objectContaining({ id: delivery.id, status: 'failed', attempt: 4, responseStatus: 502, at: expect.any(String) })]);
    expect((await call(base(), 'GET', `/webhooks/${id}/deliveries?eventType=tag.merged`, { auth: admin.auth })).body.data).toEqual([]);

    hook.script([], 200);
    const redelivered = await call(base(), 'POST', `/webhooks/${id}/deliveries/${delivery.id}/redeliver`, { auth: admin.auth });
    expect(redelivered.status).toBe(202);
    expect(redelivered.body.status).toBe('pending');
    await eventually(async () => expect((await deliveryOf(id, eventId)).status).toBe('succeeded'));
    expect(hook.requests.at(-1)!.headers['x-dispatch-delivery']).toBe(delivery.id);
    expect((await deliveryOf(id, eventId)).attempt).toBe(5);
    const again = await call(base(), 'POST', `/webhooks/${id}/deliveries/${delivery.id}/redeliver`, { auth: admin.auth });
    expect(again.status).toBe(202);
    await eventually(async () => expect((await deliveryOf(id, eventId)).status).toBe('succeeded'));
  });

  it('pauses a subscription after repeated failures, holds its deliveries, and sends them on resume', async () => {
    const hook = await receiver();
    hook.script([], 500);
    const { id } = await subscribe({ url: hook.url });
    await worker({ WEBHOOK_PAUSE_AFTER_FAILURES: '2', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_MAX_ATTEMPTS: '10' });
    const eventId = await emit('media.updated', { mediaId: 'm2' });

    await eventually(async () => {
      const shown = await call(base(), 'GET', `/webhooks/${id}`, { auth: admin.auth });
      expect(shown.body.pausedAt).toEqual(expect.any(String));
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(hook.requests).toHaveLength(2);
    expect(await deliveryOf(id, eventId)).toMatchObject({ status: 'pending', attempt: 2 });

    hook.script([], 200);
    const resumed = await call(base(), 'POST', `/webhooks/${id}/resume`, { auth: admin.auth });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ pausedAt: null, consecutiveFailures: 0 });
    await eventually(async () => expect((await deliveryOf(id, eventId)).status).toBe('succeeded'));
    expect(await db.prisma.auditEvent.count({ where: { action: 'webhook.resumed', entityId: id } })).toBe(1);
  });

  it('two workers never make the same attempt twice', async () => {
    const hook = await receiver();
    const { id } = await subscribe({ url: hook.url });
    const events: string[] = [];
    for (let i = 0; i < 40; i++) events.push(await emit('article.updated', { n: i }));
    await Promise.all([worker(), worker(), worker()]);

    await eventually(async () => {
      expect(await db.prisma.webhookDelivery.count({ where: { subscriptionId: id, status: 'succeeded' } })).toBe(40);
    });
    const seen = hook.requests.map((request) => `${String(request.headers['x-dispatch-delivery'])}#${String(request.headers['x-dispatch-attempt'])}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(40);
    expect(new Set(hook.requests.map((request) => JSON.parse(request.rawBody).id))).toEqual(new Set(events));
    expect(await db.prisma.webhookAttempt.count({ where: { delivery: { subscriptionId: id } } })).toBe(40);
  });

  it('a worker killed mid-delivery loses nothing: another delivers after its lease runs out', async () => {
    const hook = await receiver();
    hook.script([], 'hang');
    const { id, secret } = await subscribe({ url: hook.url });
    const events: string[] = [];
    for (let i = 0; i < 5; i++) events.push(await emit('article.published', { ...publishedData, n: i }));
    // A 1 s timeout gives a 7 s lease: the time a dead worker holds a delivery.
    const env = { WEBHOOK_TIMEOUT_MS: '1000' };
    const first = workerProcess(env);
    await eventually(async () => expect(hook.requests.length).toBeGreaterThan(0), 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const inFlight = new Set(hook.requests.map((request) => request.headers['x-dispatch-delivery'] as string));

    hook.script([], 200);
    workerProcess(env);
    await eventually(async () => {
      const rows = await db.prisma.webhookDelivery.findMany({ where: { subscriptionId: id } });
      expect(rows.map((row) => row.status)).toEqual(Array(5).fill('succeeded'));
    }, 40_000);

    const delivered = hook.requests.filter((request) => request.answered === 200);
    expect(new Set(delivered.map((request) => JSON.parse(request.rawBody).id))).toEqual(new Set(events));
    // the attempt the dead worker started went out again, under the same delivery id (receivers deduplicate on it)
    for (const deliveryId of inFlight) expect(delivered.map((request) => request.headers['x-dispatch-delivery'])).toContain(deliveryId);
    for (const request of delivered) expect(verifyWebhookSignature(secret, request.rawBody, request.headers['x-dispatch-signature'] as string)).toBe(true);
  });

  it('pings a subscription on demand and signs with a rotated secret from then on', async () => {
    const hook = await receiver();
    const { id, secret } = await subscribe({ url: hook.url, events: ['tag.merged'], secret: 'a-given-secret-of-enough-length' });
    expect(secret).toBe('a-given-secret-of-enough-length');
    await worker();

    const ping = await call(base(), 'POST', `/webhooks/${id}/ping`, { auth: admin.auth });
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ eventType: 'webhook.ping', status: 'pending', attempt: 0 });
    await eventually(async () => expect(hook.requests).toHaveLength(1));
    const first = hook.requests[0]!;
    expect(first.headers['x-dispatch-event']).toBe('webhook.ping');
    expect(verifyWebhookSignature(secret, first.rawBody, first.headers['x-dispatch-signature'] as string)).toBe(true);
    await eventually(async () => {
      const shown = await call(base(), 'GET', `/webhooks/${id}/deliveries/${ping.body.id}`, { auth: admin.auth });
      expect(shown.body).toMatchObject({ status: 'succeeded', attempts: [expect.objectContaining({ number: 1, responseStatus: 200 })] });
    });

    const rotated = await call(base(), 'POST', `/webhooks/${id}/rotate-secret`, { auth: admin.auth, body: {} });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    await call(base(), 'POST', `/webhooks/${id}/ping`, { auth: admin.auth });
    await eventually(async () => expect(hook.requests).toHaveLength(2));
    const second = hook.requests[1]!;
    expect(verifyWebhookSignature(rotated.body.secret, second.rawBody, second.headers['x-dispatch-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature(secret, second.rawBody, second.headers['x-dispatch-signature'] as string)).toBe(false);
  });

  it('refuses to connect at delivery time to an address the allow-list does not cover', async () => {
    const { id } = await subscribe({ url: 'http://127.0.0.1:9/hook' });
    // The URL was fine when saved; a host that now points elsewhere must not be reached.
    await db.prisma.webhookSubscription.update({ where: { id }, data: { url: 'http://127.0.0.2:9/hook' } });
    await worker({ WEBHOOK_MAX_ATTEMPTS: '1' });
    const eventId = await emit('tag.merged', { fromId: 'x', intoId: 'y' });
    await eventually(async () => expect((await deliveryOf(id, eventId)).status).toBe('failed'));
    const attempt = await db.prisma.webhookAttempt.findFirstOrThrow({ where: { delivery: { subscriptionId: id } } });
    expect(attempt.error).toMatch(/127\.0\.0\.2.*private, loopback/);
    expect(attempt.responseStatus).toBeNull();
  });

  describe('admin API', () => {
    it('creates, lists, shows, updates and deletes subscriptions; the secret appears only at creation', async () => {
      const created = await call(base(), 'POST', '/webhooks', {
        auth: admin.auth,
        body: { url: 'http://127.0.0.1:4000/purge', events: ['article.published', 'article.unpublished'], description: 'CDN purge' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        url: 'http://127.0.0.1:4000/purge',
        events: ['article.published', 'article.unpublished'],
        active: true,
        createdAt: expect.any(String),
      });
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const id: string = created.body.id;

      const shown = await call(base(), 'GET', `/webhooks/${id}`, { auth: admin.auth });
      expect(shown.status).toBe(200);
      expect(shown.body.secret).toBeUndefined();
      const listed = await call(base(), 'GET', '/webhooks?limit=1', { auth: admin.auth });
      expect(listed.body).toEqual({ data: [expect.objectContaining({ id })], nextCursor: null });
      expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

      const updated = await call(base(), 'PATCH', `/webhooks/${id}`, { auth: admin.auth, body: { events: [], active: false } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ events: [], active: false });
      const audit = await db.prisma.auditEvent.findMany({ where: { entityType: 'webhook', entityId: id }, orderBy: { at: 'asc' } });
      expect(audit.map((event) => event.action)).toEqual(['webhook.created', 'webhook.updated']);
      expect(JSON.stringify(audit)).not.toContain(created.body.secret);

      expect((await call(base(), 'DELETE', `/webhooks/${id}`, { auth: admin.auth })).status).toBe(204);
      expect((await call(base(), 'GET', `/webhooks/${id}`, { auth: admin.auth })).status).toBe(404);
      expect((await call(base(), 'DELETE', `/webhooks/${id}`, { auth: admin.auth })).status).toBe(404);
      expect((await call(base(), 'GET', '/webhooks/not-a-uuid/deliveries', { auth: admin.auth })).status).toBe(404);
    });

    it('is for admins only', async () => {
      const editor = await createUser(db.prisma, 'editor');
      expect((await call(base(), 'GET', '/webhooks', { auth: editor.auth })).status).toBe(403);
      expect((await call(base(), 'POST', '/webhooks', { auth: editor.auth, body: { url: 'http://127.0.0.1:4000/x' } })).status).toBe(403);
      expect((await call(base(), 'GET', '/webhooks')).status).toBe(401);
    });

    it.each([
      ['ftp://127.0.0.1/hook', /http or https/],
      ['not a url', /absolute http or https URL/],
      ['http://10.0.0.8/hook', /private, loopback/],
      ['http://169.254.169.254/latest/meta-data/', /private, loopback/],
      ['http://[::1]:8080/hook', /private, loopback/],
      ['http://127.0.0.2/hook', /private, loopback/],
      ['http://user:pw@127.0.0.1/hook', /credentials/],
    ])('refuses %s as a target', async (url, message) => {
      const refused = await call(base(), 'POST', '/webhooks', { auth: admin.auth, body: { url } });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'url', message: expect.stringMatching(message) }] });
    });

    it('validates event filters, secrets and unknown fields', async () => {
      const bad = await call(base(), 'POST', '/webhooks', {
        auth: admin.auth,
        body: { url: 'http://127.0.0.1:4000/x', events: ['article.exploded'], secret: 'short', extra: true },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: { path: string }) => error.path)).toEqual(expect.arrayContaining(['events', 'secret', 'extra']));
      const { id } = await subscribe({ url: 'http://127.0.0.1:4000/x' });
      const patch = await call(base(), 'PATCH', `/webhooks/${id}`, { auth: admin.auth, body: { url: 'gopher://127.0.0.1/' } });
      expect(patch.status).toBe(400);
      const secretByPatch = await call(base(), 'PATCH', `/webhooks/${id}`, { auth: admin.auth, body: { secret: 'x'.repeat(32) } });
      expect(secretByPatch.status).toBe(400);
      expect(secretByPatch.body.errors).toEqual([expect.objectContaining({ path: 'secret' })]);
      const pending = await call(base(), 'GET', `/webhooks/${id}/deliveries?status=bogus`, { auth: admin.auth });
      expect(pending.status).toBe(400);
    });

    it('refuses to redeliver a delivery that is still pending', async () => {
      const { id } = await subscribe({ url: 'http://127.0.0.1:4000/x' });
      const ping = await call(base(), 'POST', `/webhooks/${id}/ping`, { auth: admin.auth });
      const again = await call(base(), 'POST', `/webhooks/${id}/deliveries/${ping.body.id}/redeliver`, { auth: admin.auth });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('conflict');
      const missing = await call(base(), 'POST', `/webhooks/${id}/deliveries/${id}/redeliver`, { auth: admin.auth });
      expect(missing.status).toBe(404);
    });
  });
});
