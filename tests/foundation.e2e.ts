import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { freePort } from './support/ports.js';

describe('both apps: health, errors as problem+json, docs', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url);
  });
  afterAll(async () => {
    await admin?.close();
    await delivery?.close();
    await db?.drop();
  });

  it.each([
    ['admin', () => admin, { status: 'ok', database: 'up' }],
    // Delivery listens for change notices (its caches depend on them) and says whether it hears them.
    ['delivery', () => delivery, { status: 'ok', database: 'up', notifications: 'up' }],
  ])('%s: GET /health is 200 when the database answers, with a request id', async (_name, app, expected) => {
    const response = await fetch(`${app().url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(expected);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown routes with a 404 problem document', async () => {
    for (const url of [`${admin.url}/admin/v1/nothing-here`, `${delivery.url}/content/v1/nothing-here`]) {
      const response = await fetch(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 404, code: 'not_found', title: 'Not found' });
      expect(typeof body.type).toBe('string');
    }
  });

  it('keeps the request id a client sends', async () => {
    const response = await fetch(`${admin.url}/health`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
  });

  it('answers malformed JSON with 400 problem+json, never a stack trace', async () => {
    const response = await fetch(`${admin.url}/admin/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('serves OpenAPI documents for both APIs', async () => {
    const adminDoc = (await (await fetch(`${admin.url}/admin/docs/openapi.json`)).json()) as { info: { title: string } };
    expect(adminDoc.info.title).toBe('Dispatch admin API');
    const deliveryDoc = (await (await fetch(`${delivery.url}/content/docs/openapi.json`)).json()) as { info: { title: string } };
    expect(deliveryDoc.info.title).toBe('Dispatch delivery API');
    expect((await fetch(`${admin.url}/admin/docs`)).status).toBe(200);
    expect((await fetch(`${delivery.url}/content/docs`)).status).toBe(200);
  });

  it('reports 503 on /health when the database is unreachable, and recovers nothing by guessing', async () => {
    const deadUrl = `postgresql://postgres@127.0.0.1:${await freePort()}/nowhere`;
    const orphan = await startAdminApi(deadUrl);
    try {
      const response = await fetch(`${orphan.url}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'down' });
    } finally {
      await orphan.close();
    }
  });
});
