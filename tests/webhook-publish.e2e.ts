import type { INestApplicationContext } from '@nestjs/common';
import { verifyWebhookSignature } from '#content';
import { createWorker } from '../apps/worker/src/worker.app.js';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { eventually } from './support/processes.js';
import { startAdminApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const LOOPBACK = { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' };

/** Issue 7's "Done when", through the real publish endpoint and the real worker. */
describe('webhooks on publish', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let worker: INestApplicationContext;
  let hook: WebhookReceiver;
  let admin: TestUser;
  let editor: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url, LOOPBACK);
    admin = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    hook = await startReceiver();
    // The default retry schedule (first retries ~2 s and ~6 s after a failure).
    worker = await createWorker(await testConfig(db.url, { ...LOOPBACK, WORKER_POLL_MS: '200' }), db.url);
  });
  afterAll(async () => {
    await worker?.close();
    await hook?.close();
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;

  it('publishing a story while the receiver answers 503, 503, 200 ends in exactly one success within a minute, signed, with three attempts logged', async () => {
    hook.script([503, 503], 200);
    const subscription = await call(base(), 'POST', '/webhooks', {
      auth: admin.auth,
      body: { url: hook.url, events: ['article.published'], description: 'CDN purge' },
    });
    expect(subscription.status).toBe(201);
    const section = await createSection(db.prisma, { slug: 'world', name: 'World News' });
    const created = await call(base(), 'POST', '/articles', {
      auth: editor.auth,
      body: {
        headline: 'NATO reinforces presence in Kosovo',
        standfirst: 'KFOR sets up additional patrols',
        sectionId: section.id,
        body: [{ type: 'paragraph', text: 'Text.' }],
      },
    });
    expect(created.status).toBe(201);

    const started = Date.now();
    const published = await call(base(), 'POST', `/articles/${created.body.id}/transitions`, {
      auth: editor.auth,
      body: { action: 'publish' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const delivery = await eventually(async () => {
      const rows = await db.prisma.webhookDelivery.findMany({ where: { subscriptionId: subscription.body.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe('succeeded');
      return rows[0]!;
    }, 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);

    expect(hook.requests.map((request) => request.answered)).toEqual([503, 503, 200]);
    for (const request of hook.requests) {
      expect(request.headers['x-dispatch-event']).toBe('article.published');
      expect(request.headers['x-dispatch-delivery']).toBe(delivery.id);
      expect(verifyWebhookSignature(subscription.body.secret, request.rawBody, request.headers['x-dispatch-signature'] as string)).toBe(true);
    }
    const payload = JSON.parse(hook.requests[2]!.rawBody);
    expect(payload).toMatchObject({ id: delivery.eventId, type: 'article.published', occurredAt: expect.any(String) });
    // purge helpers: the keys and public URLs a CDN hook needs, with no lookups
    expect(payload.data.article).toMatchObject({ id: created.body.id, slug: created.body.slug });
    expect(payload.data.surrogateKeys).toEqual(expect.arrayContaining([expect.stringContaining(created.body.id)]));
    expect(payload.data.urls).toEqual(expect.arrayContaining([expect.stringContaining(created.body.slug)]));

    const log = await call(base(), 'GET', `/webhooks/${subscription.body.id}/deliveries/${delivery.id}`, { auth: admin.auth });
    expect(log.body).toMatchObject({ status: 'succeeded', attempt: 3, responseStatus: 200, eventType: 'article.published' });
    expect(log.body.attempts.map((attempt: { responseStatus: number }) => attempt.responseStatus)).toEqual([503, 503, 200]);
  });
});
