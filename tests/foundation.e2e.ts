import { createUser, type TestUser } from './support/factories.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { freePort } from './support/ports.js';

describe('both apps: health, errors as problem+json, docs', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url);
    editor = await createUser(db.prisma, 'editor');
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

  // Real routes that take JSON, public and signed in: the body is parsed before the route runs.
  // (Delivery has no route that takes a body.)
  it.each([
    ['the public login route', '/admin/v1/auth/login', () => ({}), '{"broken": '],
    ['a signed-in create', '/admin/v1/articles', () => editor.auth, '{"broken": '],
    ['a signed-in create, empty body', '/admin/v1/articles', () => editor.auth, ''],
  ])('answers malformed JSON on %s with 400 invalid_json, never a stack trace', async (_name, path, auth, body) => {
    const response = await fetch(`${admin.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 400, code: 'invalid_json', detail: 'The request body is not valid JSON' });
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  // The router refuses these before any route runs; the problem names the URL as the culprit.
  it.each([
    ['admin', 'a malformed percent-encoding', () => `${admin.url}/admin/v1/articles/%ff`, 'not a valid percent-encoding'],
    ['delivery', 'a malformed percent-encoding', () => `${delivery.url}/content/v1/tags/%E0%A4%A`, 'not a valid percent-encoding'],
    ['admin', 'an over-long path segment', () => `${admin.url}/admin/v1/articles/${'a'.repeat(501)}`, 'path segments are at most 500 characters'],
    ['delivery', 'an over-long path segment', () => `${delivery.url}/content/v1/articles/${'a'.repeat(501)}`, 'path segments are at most 500 characters'],
  ])('%s: answers %s with 400 validation_failed and an error on url', async (_app, _name, url, message) => {
    const response = await fetch(url(), { headers: editor.auth });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ path: 'url', message }] });
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
