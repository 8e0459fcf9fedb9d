import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOGIN_LIMITS } from '#auth';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { image, pngHeader, upload } from './support/media-files.js';
import { newsroom } from './support/newsroom.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Regression tests for input an attacker sent that leaked a 500, a lock-out or a connection to an internal address. */
describe('input leaks', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let adminUser: TestUser;
  let editor: TestUser;
  let sectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Behind a proxy: X-Forwarded-For decides the client address, so one test process can be many clients.
    admin = await startAdminApi(db.url, { TRUST_PROXY: 'true' });
    delivery = await startDeliveryApi(db.url, { MEDIA_DIR: admin.config.media.dir });
    adminUser = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma)).id;
  });
  afterAll(async () => {
    await admin?.close();
    await delivery?.close();
    await db?.drop();
  });

  const base = () => `${admin.url}/admin/v1`;
  const content = () => `${delivery.url}/content/v1`;
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const login = (email: string, password: string, address: string) =>
    call(base(), 'POST', '/auth/login', { body: { email, password }, headers: from(address) });
  const uuid = '00000000-0000-4000-8000-000000000000';
  const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

  /** A clean 400 validation_failed problem naming `path`. */
  function refused(response: { status: number; body: { code?: string; errors?: { path: string }[] }; headers: Headers }, label: string, path?: string) {
    expect({ label, status: response.status, code: response.body?.code, type: response.headers.get('content-type') }).toEqual({
      label,
      status: 400,
      code: 'validation_failed',
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    if (path !== undefined)
      expect({ label, paths: response.body.errors?.map((error) => error.path) }).toEqual({ label, paths: expect.arrayContaining([path]) });
  }

  describe('login throttling', () => {
    it('checks at most the limit of 40 simultaneous wrong passwords; the rest are 429', async () => {
      const victim = await createUser(db.prisma, 'editor');
      const responses = await Promise.all(Array.from({ length: 40 }, () => login(victim.email, 'wrong-password', '203.0.113.10')));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(LOGIN_LIMITS.accountAddress.max);
      expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
      const failures = await db.prisma.auditEvent.count({ where: { action: 'auth.login_failed', entityId: victim.id } });
      expect(failures).toBeLessThanOrEqual(LOGIN_LIMITS.accountAddress.max);
    });

    it('lets the owner sign in from their own address after an attacker elsewhere exhausted their attempts', async () => {
      const owner = await createUser(db.prisma, 'editor');
      for (let i = 0; i < LOGIN_LIMITS.accountAddress.max; i++) expect((await login(owner.email, 'guess-password', '203.0.113.20')).status).toBe(401);
      const attacker = await login(owner.email, owner.password, '203.0.113.20');
      expect(attacker.status).toBe(429);
      expect(Number(attacker.headers.get('retry-after'))).toBeGreaterThan(0);
      const signedIn = await login(owner.email, owner.password, '198.51.100.30');
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.id).toBe(owner.id);
    });

    it('still stops an attacker spread over many addresses at the per-account ceiling', async () => {
      const target = await createUser(db.prisma, 'editor');
      let checked = 0;
      for (let address = 0; checked < LOGIN_LIMITS.account.max + 5 && address < 40; address++) {
        const batch = await Promise.all(
          Array.from({ length: LOGIN_LIMITS.accountAddress.max }, () => login(target.email, 'spray-password', `192.0.2.${address + 1}`)),
        );
        checked += batch.filter((response) => response.status === 401).length;
        if (batch.every((response) => response.status === 429)) break;
      }
      expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.account.max);
      expect((await login(target.email, target.password, '198.51.100.99')).status).toBe(429);
    });
  });

  describe('webhook targets', () => {
    it.each([
      'http://[::127.0.0.1]/hook',
      'http://[::ffff:0:127.0.0.1]/hook',
      'http://[64:ff9b:1::127.0.0.1]/hook',
      'http://[::169.254.169.254]/latest/meta-data/',
    ])('refuses %s, an IPv6 spelling of a refused IPv4 address', async (url) => {
      const response = await call(base(), 'POST', '/webhooks', { auth: adminUser.auth, body: { url, events: ['article.published'] } });
      expect({ status: response.status, code: response.body.code, path: response.body.errors?.[0]?.path }).toEqual({
        status: 400,
        code: 'validation_failed',
        path: 'url',
      });
    });
  });

  describe('NUL bytes are refused at the validation boundary', () => {
    it('refuses %00 in public delivery queries and paths', async () => {
      refused(await call(content(), 'GET', '/search?q=%00'), 'search q', 'q');
      refused(await call(content(), 'GET', '/articles?q=a%00b'), 'articles q', 'q');
      refused(await call(content(), 'GET', '/articles/slug%00'), 'article slug', 'slug');
      refused(await call(content(), 'GET', '/tags/x%00'), 'tag slug', 'slug');
      refused(await call(content(), 'GET', '/articles?section=%00'), 'section filter', 'section');
    });

    it('refuses a NUL in the login e-mail, admin filters and audit filters', async () => {
      refused(await login('a\u0000@example.test', 'whatever-password', '198.51.100.40'), 'login email', 'email');
      for (const path of ['/articles?q=%00', '/users?q=%00', '/tags?q=%00', '/media?q=%00', '/authors?q=%00', '/audit?action=%00', '/audit?entityType=x%00']) {
        refused(await call(base(), 'GET', path, { auth: adminUser.auth }), path);
      }
      refused(await call(base(), 'GET', '/locales/en%00', { auth: adminUser.auth }), 'locale param', 'code');
    });

    it('refuses a NUL in a headline, body, SEO text, comment and caption, naming the field', async () => {
      refused(await call(base(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'x\u0000y', sectionId } }), 'headline', 'headline');
      const created = await call(base(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'Clean', sectionId } });
      expect(created.status).toBe(201);
      const patch = (body: unknown) =>
        call(base(), 'PATCH', `/articles/${created.body.id}`, { auth: editor.auth, body, headers: { 'if-match': `"${created.body.version}"` } });
      refused(await patch({ body: [{ type: 'paragraph', text: 'a\u0000' }] }), 'body text', 'body[0].text');
      refused(await patch({ seo: { title: '\u0000' } }), 'seo title', 'seo.title');
      refused(await call(base(), 'POST', `/articles/${created.body.id}/comments`, { auth: editor.auth, body: { body: 'note\u0000' } }), 'comment', 'body');
      const photo = await upload(base(), editor.auth, { bytes: await image('png', 64, 48), name: 'p.png', type: 'image/png' }, { caption: 'cap\u0000tion' });
      refused(photo, 'multipart caption', 'caption');
      const clean = await upload(base(), editor.auth, { bytes: await image('png', 64, 49), name: 'p.png', type: 'image/png' });
      expect(clean.status).toBe(201);
      refused(await call(base(), 'PATCH', `/media/${clean.body.id}`, { auth: editor.auth, body: { caption: '\u0000' } }), 'media caption', 'caption');
    });
  });

  describe('malformed cursors, int params and URLs', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const garbage = ['%%%', Buffer.from('not json').toString('base64url'), cursorOf({}), cursorOf([])];
    const byTime = [
      cursorOf(['not a date', uuid]),
      cursorOf([at, 'not-a-uuid']),
      cursorOf(['-271821-04-20T00:00:00.000Z', uuid]),
      cursorOf([`${at}\u0000`, uuid]),
      cursorOf([1e300, uuid]),
    ];
    const cursors: Record<string, string[]> = {
      '/articles': byTime,
      '/media': byTime,
      '/webhooks': byTime,
      '/audit': byTime,
      '/api-tokens': byTime,
      '/users': [cursorOf(['a@example.test\u0000', uuid]), cursorOf(['a@example.test', 'not-a-uuid']), cursorOf([1, uuid])],
      '/sections': [cursorOf([1e300, uuid]), cursorOf([2147483648, uuid]), cursorOf([1.5, uuid]), cursorOf([1, 'not-a-uuid'])],
      '/tags': [cursorOf(['x\u0000']), cursorOf([1])],
      '/authors': [cursorOf(['x\u0000']), cursorOf([null])],
      '/collections': [cursorOf(['x\u0000', 'en']), cursorOf(['x', 'en\u0000'])],
    };

    it.each(Object.keys(cursors))('refuses malformed cursors on %s with 400', async (path) => {
      for (const cursor of [...garbage, ...cursors[path]!]) {
        refused(await call(base(), 'GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { auth: adminUser.auth }), `${path} ${cursor}`, 'cursor');
      }
    });

    it('refuses malformed cursors on the delivery lists', async () => {
      for (const cursor of [...garbage, ...byTime])
        refused(await call(content(), 'GET', `/articles?cursor=${encodeURIComponent(cursor)}`), `delivery ${cursor}`, 'cursor');
      for (const cursor of [cursorOf([1e300]), cursorOf([2147483648]), cursorOf(['1'])]) {
        refused(await call(content(), 'GET', `/search?q=kosovo&cursor=${cursor}`), `search ${cursor}`, 'cursor');
      }
    });

    it('refuses revision numbers past int4 with 400', async () => {
      const created = await call(base(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'Revisions', sectionId } });
      const id = created.body.id as string;
      refused(await call(base(), 'GET', `/articles/${id}/revisions/2147483648`, { auth: editor.auth }), 'revision 2^31', 'number');
      refused(await call(base(), 'GET', `/articles/${id}/revisions/99999999999999999999`, { auth: editor.auth }), 'revision 10^20', 'number');
      refused(
        await call(base(), 'POST', `/articles/${id}/revisions/2147483648/restore`, { auth: editor.auth, headers: { 'if-match': '"1"' } }),
        'restore 2^31',
      );
      refused(await call(base(), 'GET', `/articles/${id}/revisions/compare?from=1&to=99999999999`, { auth: editor.auth }), 'compare to', 'to');
      expect((await call(base(), 'GET', `/articles/${id}/revisions/1`, { auth: editor.auth })).status).toBe(200);
      expect((await call(base(), 'GET', `/articles/${id}/revisions/2147483647`, { auth: editor.auth })).status).toBe(404);
    });

    it('answers a bad percent-encoding and an over-long path segment with 400 problem+json on both APIs', async () => {
      for (const url of [
        `${base()}/articles/%ff`,
        `${content()}/articles/%ff`,
        `${content()}/tags/%E0%A4%A`,
        `${base()}/articles/${'a'.repeat(2000)}`,
        `${content()}/articles/${'a'.repeat(2000)}`,
      ]) {
        const response = await fetch(url, { headers: adminUser.auth });
        const body = (await response.json()) as { code?: string; requestId?: string };
        refused({ status: response.status, body, headers: response.headers }, url.slice(0, 80));
        expect(body.requestId).toEqual(expect.any(String));
      }
    });
  });

  describe('dates PostgreSQL cannot store', () => {
    it.each(['0000-01-01', '-271821-04-20T00:00:00Z', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z'])(
      'refuses since=%s on the audit log with 400',
      async (value) => {
        refused(await call(base(), 'GET', `/audit?since=${encodeURIComponent(value)}`, { auth: adminUser.auth }), `since ${value}`, 'since');
      },
    );

    it('refuses a schedule time outside the years 1–9999 with 400 naming publishAt', async () => {
      const created = await call(base(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'Far future', sectionId } });
      const schedule = await call(base(), 'POST', `/articles/${created.body.id}/transitions`, {
        auth: editor.auth,
        body: { action: 'schedule', publishAt: '0000-01-01T00:00:00Z' },
        headers: { 'if-match': `"${created.body.version}"` },
      });
      refused(schedule, 'schedule publishAt', 'publishAt');
    });
  });

  it('answers a URL past the HTTP parser limit with 400 problem+json, not the parser default', async () => {
    for (const url of [`${content()}/articles/${'a'.repeat(20_000)}`, `${base()}/articles?q=${'a'.repeat(20_000)}`]) {
      const response = await fetch(url);
      const body = (await response.json()) as { code?: string };
      refused({ status: response.status, body, headers: response.headers }, url.slice(0, 60));
    }
  });

  describe('images sharp cannot render', () => {
    it('refuses a 100000000×1 PNG at upload with a stable code', async () => {
      const response = await upload(base(), editor.auth, { bytes: pngHeader(100_000_000, 1), name: 'strip.png', type: 'image/png' });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 422, code: 'unsupported_image_dimensions' });
      expect(response.body).toMatchObject({ maxImageSide: expect.any(Number), maxAspectRatio: expect.any(Number) });
      const tall = await upload(base(), editor.auth, { bytes: pngHeader(2, 40_000), name: 'tall.png', type: 'image/png' });
      expect({ status: tall.status, code: tall.body.code }).toEqual({ status: 422, code: 'unsupported_image_dimensions' });
      const sliver = await upload(base(), editor.auth, { bytes: await image('png', 3000, 2), name: 'sliver.png', type: 'image/png' });
      expect({ status: sliver.status, code: sliver.body.code }).toEqual({ status: 422, code: 'unsupported_image_dimensions' });
    });

    it('answers a rendition that sharp refuses with a 4xx problem, never a 500', async () => {
      // An asset stored before the upload limits, and one whose stored bytes went bad.
      const strip = await db.prisma.mediaAsset.create({
        data: {
          kind: 'image',
          mime: 'image/png',
          bytes: 100n,
          sha256: 'f'.repeat(64),
          storageKey: 'legacy/strip.png',
          width: 100_000_000,
          height: 1,
          credit: 'AP',
        },
      });
      await mkdir(admin.config.media.dir, { recursive: true });
      await writeFile(join(admin.config.media.dir, 'legacy-strip.png'), pngHeader(100_000_000, 1));
      await db.prisma.mediaAsset.update({ where: { id: strip.id }, data: { storageKey: 'legacy-strip.png' } });
      const good = await upload(base(), editor.auth, { bytes: await image('jpeg', 1000, 700), name: 'ok.jpg', type: 'image/jpeg' }, { credit: 'AP Photo' });
      expect(good.status).toBe(201);
      // Delivery serves only media live content shows: put both on a live story.
      await newsroom(base, () => sectionId).published(editor, { leadMediaId: strip.id, body: [{ type: 'image', mediaId: good.body.id }] });
      const stored = await db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: good.body.id } });
      await writeFile(join(admin.config.media.dir, stored.storageKey), Buffer.from('this is no longer a JPEG'));
      for (const path of [`/media/${strip.id}/320.webp`, `/media/${strip.id}/2560.avif`, `/media/${good.body.id}/640.webp`]) {
        const response = await fetch(`${content()}${path}`);
        const body = (await response.json()) as { code?: string };
        expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
          path,
          status: 422,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        expect(body.code).toBe('unprocessable');
      }
    });
  });
});
