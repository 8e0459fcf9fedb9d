import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { DESK_CSP, serveDesk } from './desk-static.js';

describe('serving the Desk', () => {
  let built: FastifyInstance;
  let missing: FastifyInstance;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'desk-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Desk</title><script type="module" src="/desk/assets/index-abc123.js"></script>');
    await writeFile(join(root, 'assets/index-abc123.js'), 'console.log(1)');
    await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(tmpdir(), 'outside.txt'), 'secret');
    built = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    await serveDesk(built, root);
    missing = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    await serveDesk(missing, join(root, 'not-built'));
  });
  afterAll(async () => {
    await built.close();
    await missing.close();
  });

  it('answers index.html at /desk/ with its policy, revalidated on every load', async () => {
    const response = await built.inject('/desk/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toBe(DESK_CSP);
    expect(response.body).toContain('<title>Desk</title>');
  });

  it('sends /desk to /desk/ (the relative asset URLs need the slash)', async () => {
    const response = await built.inject('/desk');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/desk/');
  });

  it('serves hashed assets as immutable and other files as revalidated', async () => {
    const asset = await built.inject('/desk/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await built.inject('/desk/favicon.svg');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/desk/stories/3f1c', '/desk/sign-in?next=%2Fdesk%2F', '/desk/..%2f..%2foutside.txt'])('answers the app for %s (the SPA routes it)', async (url) => {
    const response = await built.inject(url);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Desk</title>');
  });

  it('answers a missing hashed asset with a 404 problem, not the HTML', async () => {
    const response = await built.inject('/desk/assets/index-gone.js');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('says plainly when the Desk has not been built', async () => {
    const response = await missing.inject('/desk/');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'not_found', detail: expect.stringContaining('npm run build') });
  });
});
