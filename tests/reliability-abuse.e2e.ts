import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { image, upload } from './support/media-files.js';
import { freePort } from './support/ports.js';
import { eventually, runBuilt, type Spawned } from './support/processes.js';
import { isProblem, report } from './support/reliability.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const SECRET_KEY = 'reliability-secret-key-0123456789-abcdefghij';

/** Sends raw bytes over TCP and returns the raw response (for what fetch refuses to send). */
function rawRequest(port: number, request: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server may answer and close while a large request is still being written: keep what it said.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve(data || 'RESET');
      else reject(error);
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.write(request);
  });
}

/** Fuzz and abuse against both APIs run as an operator runs them (own processes, logs captured at debug). */
describe('fuzz and abuse', () => {
  let db: TestDatabase;
  let adminProc: Spawned;
  let deliveryProc: Spawned;
  let adminPort: number;
  let deliveryPort: number;
  let admin: TestUser;
  let editor: TestUser;
  let contributor: TestUser;
  let sectionId: string;
  const figures = { cases: 0, fiveXx: 0, notProblem: 0, leaksInLogs: 0 };
  const secrets: string[] = [SECRET_KEY];

  beforeAll(async () => {
    db = await createTestDatabase();
    adminPort = await freePort();
    deliveryPort = await freePort();
    const env = {
      DATABASE_URL: db.url,
      DATA_DIR: await mkdtemp(join(tmpdir(), 'dispatch-abuse-')),
      LOG_LEVEL: 'debug',
      SECRET_KEY,
      ADMIN_API_PORT: String(adminPort),
      DELIVERY_API_PORT: String(deliveryPort),
      CORS_ORIGINS: 'https://site.example',
      MEDIA_MAX_IMAGE_BYTES: '20000',
      JSON_BODY_LIMIT: String(256 * 1024),
    };
    adminProc = runBuilt('apps/admin-api/src/main.js', env);
    deliveryProc = runBuilt('apps/delivery-api/src/main.js', env);
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${adminPort}/health`)).status).toBe(200));
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${deliveryPort}/health`)).status).toBe(200));
    admin = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    contributor = await createUser(db.prisma, 'contributor');
    sectionId = (await createSection(db.prisma)).id;
    secrets.push(admin.token, editor.token, contributor.token, admin.password, editor.password);
  });
  afterAll(async () => {
    for (const proc of [adminProc, deliveryProc]) {
      proc?.child.kill('SIGTERM');
      await proc?.exited;
    }
    await db?.drop();
    report('fuzz-abuse', figures);
  });

  const adminBase = () => `http://127.0.0.1:${adminPort}/admin/v1`;
  const deliveryBase = () => `http://127.0.0.1:${deliveryPort}/content/v1`;

  /** Every abuse case goes through here: refused cleanly means a 4xx problem+json, never a 5xx. */
  function refusedCleanly(response: { status: number; headers: Headers; body: unknown }, label: string, statuses?: number[]) {
    figures.cases++;
    if (response.status >= 500) figures.fiveXx++;
    if (!isProblem(response)) figures.notProblem++;
    expect({ label, status: response.status, problem: isProblem(response) }).toEqual({
      label,
      status: statuses && !statuses.includes(response.status) ? statuses : response.status,
      problem: true,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(js|ts):\d+|Prisma|node_modules/);
  }

  async function rawJson(path: string, body: string | Buffer, auth = admin.auth, contentType = 'application/json') {
    const response = await fetch(`${adminBase()}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...auth }, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  it('refuses oversized bodies, deep JSON, huge arrays, invalid UTF-8 and malformed JSON', async () => {
    refusedCleanly(await rawJson('/articles', JSON.stringify({ headline: 'x'.repeat(300 * 1024) })), 'oversized', [413]);
    expect((await rawJson('/articles', JSON.stringify({ headline: 'x'.repeat(300 * 1024) }))).body).toMatchObject({ code: 'payload_too_large' });
    refusedCleanly(await rawJson('/articles', `${'{"body":'.repeat(5000)}1${'}'.repeat(5000)}`), 'deep object', [400]);
    refusedCleanly(await rawJson('/articles', `{"body":${'['.repeat(20000)}${']'.repeat(20000)}}`), 'deep array', [400, 413]);
    refusedCleanly(
      await rawJson('/articles', JSON.stringify({ headline: 'x', tagIds: Array.from({ length: 20000 }, () => '00000000-0000-4000-8000-000000000000') })),
      'huge array',
      [400, 413],
    );
    refusedCleanly(
      await rawJson('/articles', JSON.stringify({ headline: 'x', body: Array.from({ length: 5000 }, () => ({ type: 'paragraph', text: 'a' })) })),
      'many blocks',
      [400],
    );
    const invalidUtf8 = Buffer.concat([Buffer.from('{"headline":"'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe]), Buffer.from('"}')]);
    const utf8 = await rawJson('/articles', invalidUtf8);
    // Fastify decodes with replacement characters; either a clean refusal or a stored U+FFFD, never the raw bytes or a 5xx.
    figures.cases++;
    expect(utf8.status).toBeLessThan(500);
    if (utf8.status === 201) expect((utf8.body as { headline: string }).headline).toMatch(/\uFFFD/);
    refusedCleanly(await rawJson('/articles', '{"headline": "unterminated'), 'malformed', [400]);
    refusedCleanly(await rawJson('/articles', '{"headline":"a","headline":"b","__proto__":{"role":"admin"}}'), 'proto pollution', [400]);
    // A form body is parsed like JSON (bearer auth, no cookies: no CSRF surface) and validated the same way.
    figures.cases++;
    expect((await rawJson('/articles', 'headline=x', admin.auth, 'application/x-www-form-urlencoded')).status).toBeLessThan(500);
    refusedCleanly(await rawJson('/articles', '<xml/>', admin.auth, 'text/xml'), 'xml body', [400, 415]);
    refusedCleanly(await rawJson('/articles', '\u0000\u0001', admin.auth), 'control chars', [400]);
    refusedCleanly(await call(adminBase(), 'GET', `/articles?limit=${'9'.repeat(400)}`, { auth: admin.auth }), 'huge limit', [400]);
    refusedCleanly(await call(adminBase(), 'GET', `/articles?cursor=${'A'.repeat(5000)}`, { auth: admin.auth }), 'huge cursor', [400]);
  });

  it('treats SQL and NoSQL injection strings as plain data', async () => {
    const payloads = [
      "' OR '1'='1",
      "'; DROP TABLE article; --",
      '" OR ""="',
      '1; SELECT pg_sleep(5)--',
      "admin'--",
      '$where',
      '{"$gt": ""}',
      '%27%20OR%201%3D1',
      '\\x00',
      'Robert"); DELETE FROM users;--',
    ];
    const users = await db.prisma.user.count();
    const articles = await db.prisma.article.count();
    for (const payload of payloads) {
      const login = await call(adminBase(), 'POST', '/auth/login', { body: { email: payload, password: payload } });
      refusedCleanly(login, `login ${payload}`, [400, 401, 429]);
      refusedCleanly(await call(adminBase(), 'POST', '/auth/login', { body: { email: { $ne: null }, password: { $gt: '' } } }), 'nosql login', [400, 429]);
      const created = await call(adminBase(), 'POST', '/articles', { auth: editor.auth, body: { headline: payload, standfirst: payload, sectionId } });
      figures.cases++;
      expect(created.status).toBe(201);
      expect(created.body.headline).toBe(payload);
      for (const path of [
        `/articles?q=${encodeURIComponent(payload)}`,
        `/articles?status=${encodeURIComponent(payload)}`,
        `/audit?action=${encodeURIComponent(payload)}`,
      ]) {
        const response = await call(adminBase(), 'GET', path, { auth: admin.auth });
        figures.cases++;
        expect(response.status).toBeLessThan(500);
      }
      for (const path of [
        `/search?q=${encodeURIComponent(payload)}`,
        `/articles?q=${encodeURIComponent(payload)}`,
        `/articles?section=${encodeURIComponent(payload)}`,
        `/articles/${encodeURIComponent(payload)}`,
        `/tags/${encodeURIComponent(payload)}`,
        `/feeds/rss.xml?tag=${encodeURIComponent(payload)}`,
      ]) {
        const response = await call(deliveryBase(), 'GET', path);
        figures.cases++;
        expect({ path, status: response.status < 500 }).toEqual({ path, status: true });
      }
    }
    expect(await db.prisma.user.count()).toBe(users);
    expect(await db.prisma.article.count()).toBe(articles + payloads.length);
  });

  it('keeps path traversal out of media names, keys and rendition routes', async () => {
    const bytes = await image('jpeg', 40, 30);
    for (const name of [
      '../../../../etc/passwd.jpg',
      '..\\..\\windows\\win.ini',
      '/etc/shadow.jpg',
      'a/../../b.jpg',
      '%2e%2e%2f%2e%2e%2fx.jpg',
      'x\u0000.jpg',
    ]) {
      const response = await upload(adminBase(), editor.auth, { bytes, name, type: 'image/jpeg' }, { credit: 'AP Photo' });
      figures.cases++;
      expect(response.status).toBeLessThan(500);
      if (response.status === 201) {
        const asset = await db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: response.body.id } });
        expect(asset.storageKey).not.toMatch(/\.\.|^\/|\\/);
        expect(asset.storageKey).toMatch(/^[A-Za-z0-9/_.-]+$/);
      }
    }
    for (const path of [
      '/media/..%2F..%2F..%2Fetc%2Fpasswd/640.webp',
      '/media/../../etc/passwd/640.webp',
      '/media/00000000-0000-4000-8000-000000000000/..%2F..%2Fpasswd.webp',
      '/media/00000000-0000-4000-8000-000000000000/640.webp%00.jpg',
      '/media/%2e%2e/640.jpeg',
    ]) {
      const response = await fetch(`${deliveryBase()}${path}`);
      figures.cases++;
      expect({ path, refused: [400, 404].includes(response.status) }).toEqual({ path, refused: true });
      expect(await response.text()).not.toMatch(/root:|\[extensions\]/);
    }
    refusedCleanly(
      await upload(adminBase(), editor.auth, { bytes: Buffer.alloc(60_000, 1), name: 'big.jpg', type: 'image/jpeg' }),
      'upload over limit',
      [413, 415],
    );
    const big = await image('jpeg', 2000, 2000, '#884422');
    if (big.length > 20_000)
      refusedCleanly(await upload(adminBase(), editor.auth, { bytes: big, name: 'big.jpg', type: 'image/jpeg' }), 'image over limit', [413]);
    refusedCleanly(
      await upload(adminBase(), editor.auth, { bytes: Buffer.from('#!/bin/sh\nrm -rf /'), name: 'x.jpg', type: 'image/jpeg' }),
      'not an image',
      [415, 400],
    );
  });

  it('refuses forged, tampered, expired and misdirected preview tokens', async () => {
    const a = await call(adminBase(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'Secret draft', sectionId } });
    const b = await call(adminBase(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'Other draft', sectionId } });
    const issued = await call(adminBase(), 'POST', `/articles/${a.body.id}/preview-token`, { auth: editor.auth });
    expect(issued.status).toBe(201);
    const token: string = issued.body.token;
    const ok = await call(deliveryBase(), 'GET', `/preview/articles/${a.body.id}?token=${encodeURIComponent(token)}`);
    expect(ok.status).toBe(200);
    const [id, expiry, epoch, issuer, signature] = token.split('.') as [string, string, string, string, string];
    const claims = `${epoch}.${issuer}`;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const forged = [
      '',
      'x',
      `${id}.${expiry}`,
      `${id}.${expiry}.${signature}`,
      `${id}.${expiry}.${claims}.${flip(signature, 0)}`,
      `${id}.${expiry}.${claims}.${flip(signature, signature.length - 2)}`,
      `${id}.${Number(expiry) + 86400}.${claims}.${signature}`,
      `${id}.1.${claims}.${signature}`,
      `${id}.${expiry}.${Number(epoch) + 1}.${issuer}.${signature}`,
      `${id}.${expiry}.${epoch}.s.${signature}`,
      `${id}.${expiry}.${claims}.${signature}.extra`,
      `${id}.${expiry}.${claims}.${signature.slice(0, 10)}`,
      `${id}.${'9'.repeat(12)}.${claims}.${signature}`,
      `${b.body.id}.${expiry}.${claims}.${signature}`,
      `${id}.${expiry}.${claims}.${Buffer.alloc(32).toString('base64url')}`,
      `${id}.${expiry}.${claims}.%00`,
      token.toUpperCase(),
    ];
    for (const candidate of forged) {
      refusedCleanly(
        await call(deliveryBase(), 'GET', `/preview/articles/${a.body.id}?token=${encodeURIComponent(candidate)}`),
        `preview ${candidate}`,
        [400, 403, 404],
      );
    }
    refusedCleanly(await call(deliveryBase(), 'GET', `/preview/articles/${b.body.id}?token=${encodeURIComponent(token)}`), 'token for another article', [403]);
    const response = await call(deliveryBase(), 'GET', `/preview/articles/${a.body.id}?token=${encodeURIComponent(token)}`);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
  });

  it('refuses tampered, truncated, extended and re-prefixed bearer tokens', async () => {
    const token = editor.token;
    const body = token.slice('dsp_s_'.length);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const tampered = [
      flip(token, token.length - 1),
      flip(token, 8),
      token.slice(0, -1),
      `${token}A`,
      `dsp_t_${body}`,
      `dsp_x_${body}`,
      token.toLowerCase(),
      `${token} ${token}`,
      `${token}%00`,
      'dsp_s_' + 'A'.repeat(43),
      'eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.',
      'a'.repeat(8000),
    ];
    for (const candidate of tampered) {
      refusedCleanly(await call(adminBase(), 'GET', '/me', { auth: { authorization: `Bearer ${candidate}` } }), `token ${candidate.slice(0, 20)}`, [401]);
    }
    for (const header of [`bearer${token}`, `Token ${token}`, `Basic ${Buffer.from(`${editor.email}:${editor.password}`).toString('base64')}`]) {
      refusedCleanly(await call(adminBase(), 'GET', '/me', { auth: { authorization: header } }), `scheme ${header.slice(0, 10)}`, [401]);
    }
    // A huge Authorization header is refused by the HTTP parser, not by a crash.
    const huge = await rawRequest(
      adminPort,
      `GET /admin/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(70_000)}\r\nConnection: close\r\n\r\n`,
    );
    figures.cases++;
    // Either the parser's 4xx (431) or, when it closes first, a reset — never a 2xx and never a crash.
    expect(huge).toMatch(/^(HTTP\/1\.1 4\d\d|RESET)/);
    expect((await call(adminBase(), 'GET', '/me', { auth: editor.auth })).status).toBe(200);
  });

  it('refuses header injection and never reflects CR/LF into response headers', async () => {
    const split = await rawRequest(adminPort, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\rSet-Cookie: pwned=1\r\nConnection: close\r\n\r\n');
    figures.cases++;
    expect(split).toMatch(/^HTTP\/1\.1 400/);
    expect(split).not.toMatch(/set-cookie: pwned/i);
    const nul = await rawRequest(deliveryPort, 'GET /content/v1/articles HTTP/1.1\r\nHost: x\r\nX-Api-Key: a\u0000b\r\nConnection: close\r\n\r\n');
    figures.cases++;
    expect(nul).toMatch(/^HTTP\/1\.1 400/);
    // Encoded CR/LF in paths and query strings stays data.
    for (const path of ['/tags/x%0d%0aSet-Cookie:%20pwned=1', '/articles/x%0aLocation:%20http://evil.example', '/articles?q=%0d%0aX-Injected:1']) {
      const response = await fetch(`${deliveryBase()}${path}`, { redirect: 'manual' });
      figures.cases++;
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('x-injected')).toBeNull();
      expect(response.headers.get('location') ?? '').not.toMatch(/evil/);
    }
    const requestId = await fetch(`${adminBase()}/me`, { headers: { 'x-request-id': 'a'.repeat(300), ...editor.auth } });
    figures.cases++;
    expect(requestId.status).toBe(200);
  });

  it('refuses NUL bytes, malformed cursors, int overflow and bad URLs on every route of both APIs', async () => {
    interface Operation {
      parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: { type?: string; format?: string } }[];
      requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
    }
    interface OpenApi {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, { properties?: Record<string, { type?: string }> }> };
    }
    const documents: [string, string, OpenApi][] = [
      [adminBase(), '/admin/v1', (await (await fetch(`http://127.0.0.1:${adminPort}/admin/docs/openapi.json`)).json()) as OpenApi],
      [deliveryBase(), '/content/v1', (await (await fetch(`http://127.0.0.1:${deliveryPort}/content/docs/openapi.json`)).json()) as OpenApi],
    ];
    const uuid = '00000000-0000-4000-8000-000000000000';
    // Real parents for sub-lists, so a list refuses its cursor rather than answering that its parent is missing.
    const article = await call(adminBase(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'Fuzz parent', sectionId } });
    const hook = await db.prisma.webhookSubscription.create({ data: { url: 'https://hooks.example/fuzz', events: [], secret: 'fuzz-secret' } });
    const section = await db.prisma.section.findUniqueOrThrow({ where: { id: sectionId } });
    const parents: Record<string, Record<string, string>> = {
      '/admin/v1': { articles: article.body.id, webhooks: hook.id },
      '/content/v1': { sections: section.slug },
    };
    const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    // Malformed for every list whatever its key (tests/leaks-input.e2e.ts has the per-list ones: bad dates, non-UUID ids).
    const badCursors = [
      '%%%',
      cursorOf({}),
      cursorOf([null, null]),
      cursorOf(['x\u0000', uuid]),
      cursorOf(['x\u0000']),
      cursorOf([1e300, uuid]),
      cursorOf([2147483648]),
      cursorOf(['-271821-04-20T00:00:00.000Z\u0000', 'not-a-uuid']),
    ];
    const overflow = ['2147483648', '99999999999', '1e400', '-1'];
    const badDates = ['0000-01-01', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00.000Z', 'yesterday'];
    const routes = { count: 0, nul: 0, cursor: 0, int: 0, date: 0, url: 0 };
    const send = async (base: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { ...admin.auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), 'if-match': '"1"' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    };
    for (const [base, prefix, document] of documents) {
      for (const [template, operations] of Object.entries(document.paths)) {
        if (!template.startsWith(prefix) || template.includes('/live/stream')) continue;
        for (const [verb, operation] of Object.entries(operations)) {
          const method = verb.toUpperCase();
          if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) continue;
          routes.count++;
          const params = operation.parameters ?? [];
          const pathParams = params.filter((param) => param.in === 'path');
          const fill = (override: Record<string, string> = {}) =>
            template.slice(prefix.length).replace(/\{(\w+)\}/g, (_all, name: string) => {
              if (override[name] !== undefined) return override[name];
              const param = pathParams.find((candidate) => candidate.name === name);
              if (param?.schema?.type === 'integer') return '1';
              if (name === 'file') return '640.webp';
              return parents[prefix]![template.slice(prefix.length).split('/')[1] ?? ''] ?? uuid;
            });
          const label = `${method} ${template}`;
          // A query on a delivery page whose parent does not exist (a tag or article slug) may answer 404 before reading the query.
          const missingParent = prefix === '/content/v1' && pathParams.length > 0 && !parents[prefix]![template.slice(prefix.length).split('/')[1] ?? ''];
          const queryRefusal = missingParent ? [400, 404] : [400];
          // NUL in every path parameter, every query parameter and every string field of the body.
          for (const param of pathParams) {
            refusedCleanly(await send(base, method, fill({ [param.name]: 'a%00' })), `${label} path ${param.name} NUL`, [400]);
            routes.nul++;
            refusedCleanly(await send(base, method, fill({ [param.name]: '%ff' })), `${label} path ${param.name} bad encoding`, [400]);
            refusedCleanly(await send(base, method, fill({ [param.name]: 'a'.repeat(600) })), `${label} path ${param.name} too long`, [400]);
            routes.url += 2;
            if (param.schema?.type === 'integer') {
              for (const value of overflow) refusedCleanly(await send(base, method, fill({ [param.name]: value })), `${label} ${param.name}=${value}`, [400]);
              routes.int += overflow.length;
            }
          }
          for (const param of params.filter((candidate) => candidate.in === 'query')) {
            refusedCleanly(await send(base, method, `${fill()}?${param.name}=x%00`), `${label} query ${param.name} NUL`, [400]);
            routes.nul++;
            if (param.name === 'cursor') {
              for (const cursor of badCursors) {
                refusedCleanly(await send(base, method, `${fill()}?cursor=${encodeURIComponent(cursor)}`), `${label} cursor ${cursor}`, queryRefusal);
              }
              routes.cursor += badCursors.length;
            }
            if (param.schema?.format === 'date-time') {
              for (const value of badDates) {
                refusedCleanly(
                  await send(base, method, `${fill()}?${param.name}=${encodeURIComponent(value)}`),
                  `${label} ${param.name}=${value}`,
                  queryRefusal,
                );
              }
              routes.date += badDates.length;
            }
            if (param.schema?.type === 'integer' || param.schema?.type === 'number') {
              for (const value of overflow)
                refusedCleanly(await send(base, method, `${fill()}?${param.name}=${value}`), `${label} ${param.name}=${value}`, queryRefusal);
              routes.int += overflow.length;
            }
          }
          if (method !== 'GET' && method !== 'DELETE' && operation.requestBody) {
            const ref = Object.values(operation.requestBody.content)[0]?.schema?.$ref;
            const schema = ref ? document.components?.schemas?.[ref.split('/').pop()!] : undefined;
            const strings = Object.entries(schema?.properties ?? {}).filter(([, property]) => property.type === 'string');
            const body = Object.fromEntries(strings.map(([name]) => [name, 'x\u0000']));
            if (strings.length === 0) body['field\u0000'] = 'x';
            const multipart = Object.keys(operation.requestBody.content).includes('multipart/form-data');
            refusedCleanly(await send(base, method, fill(), body), `${label} body NUL`, multipart ? [415] : [400]);
            routes.nul++;
          }
        }
      }
    }
    refusedCleanly(
      await upload(adminBase(), editor.auth, { bytes: await image('png', 20, 20), name: 'n.png', type: 'image/png' }, { caption: 'x\u0000', credit: '\u0000' }),
      'multipart NUL',
      [400],
    );
    process.stdout.write(`\nfuzz routes ${JSON.stringify(routes)}\n`);
    expect(routes.count).toBeGreaterThan(60);
    expect(routes.cursor).toBeGreaterThan(0);
    expect(routes.int).toBeGreaterThan(0);
    expect(routes.date).toBeGreaterThan(0);
  });

  it('sends security headers, limits CORS to the configured origins, and gives the admin API no CORS at all', async () => {
    for (const url of [`${adminBase()}/me`, `${adminBase()}/nope`, `${deliveryBase()}/articles`, `${deliveryBase()}/articles/nope`]) {
      const response = await fetch(url, { headers: { ...editor.auth, origin: 'https://evil.example' } });
      expect({ url, nosniff: response.headers.get('x-content-type-options') }).toEqual({ url, nosniff: 'nosniff' });
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const allowed = await fetch(`${deliveryBase()}/articles`, { headers: { origin: 'https://site.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://site.example');
    expect(allowed.headers.get('vary')).toMatch(/Origin/i);
    const preflight = await fetch(`${deliveryBase()}/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://site.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    const foreign = await fetch(`${deliveryBase()}/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(foreign.status).toBe(403);
    const adminPreflight = await fetch(`${adminBase()}/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://site.example', 'access-control-request-method': 'GET' },
    });
    expect(adminPreflight.headers.get('access-control-allow-origin')).toBeNull();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const write = await fetch(`${deliveryBase()}/articles`, { method, headers: { 'content-type': 'application/json' }, body: '{}' });
      refusedCleanly({ status: write.status, headers: write.headers, body: await write.json() }, `delivery ${method}`, [404, 405]);
    }
    figures.cases += 8;
  });

  it('compares secrets in constant time and looks tokens up by hash', async () => {
    const preview = await readFile('libs/content/src/publishing/preview-token.ts', 'utf8');
    const password = await readFile('libs/auth/src/password.ts', 'utf8');
    const auth = await readFile('libs/auth/src/auth.service.ts', 'utf8');
    expect(preview).toMatch(/timingSafeEqual\(given, expected\)/);
    expect(password).toMatch(/timingSafeEqual\(key, want\)/);
    // Bearer tokens are never compared as strings: SHA-256, then an exact index lookup.
    expect(auth).toMatch(/hashToken\(token\)/);
    expect(auth).not.toMatch(/token\s*===|===\s*token/);
    // An unknown email still costs a full password check (no user-enumeration timing).
    expect(auth).toMatch(/dummyPasswordHash/);
  });

  it('writes no passwords, tokens or secrets to the logs', async () => {
    // Exercise everything that handles secrets, with request logging on (LOG_LEVEL=debug).
    const login = await call(adminBase(), 'POST', '/auth/login', { body: { email: editor.email, password: editor.password } });
    expect(login.status).toBe(200);
    secrets.push(login.body.accessToken);
    await call(adminBase(), 'POST', '/auth/login', { body: { email: editor.email, password: 'wrong-but-secret-pw-77' } });
    secrets.push('wrong-but-secret-pw-77');
    const created = await call(adminBase(), 'POST', '/users', {
      auth: admin.auth,
      body: { email: 'n@example.test', name: 'N', role: 'editor', password: 'brand-new-secret-pw-42' },
    });
    expect(created.status).toBe(201);
    secrets.push('brand-new-secret-pw-42');
    const apiToken = await call(adminBase(), 'POST', '/api-tokens', { auth: admin.auth, body: { name: 'ci', role: 'editor' } });
    secrets.push(apiToken.body.token);
    await call(adminBase(), 'GET', '/me', { auth: { authorization: `Bearer ${apiToken.body.token}` } });
    await call(deliveryBase(), 'GET', '/articles', { headers: { 'x-api-key': 'some-delivery-key-123456' } });
    const hook = await call(adminBase(), 'POST', '/webhooks', { auth: admin.auth, body: { url: 'https://hooks.example/x', events: ['article.published'] } });
    if (hook.body?.secret) secrets.push(hook.body.secret);
    // Errors too: a 500-ish path must not dump the request either.
    await call(adminBase(), 'PATCH', `/users/${editor.id}`, { auth: admin.auth, body: { password: 'rotated-secret-pw-99' } });
    secrets.push('rotated-secret-pw-99');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = adminProc.output() + deliveryProc.output();
    expect(logs.length).toBeGreaterThan(1000); // the logs are really on
    const hashes = (await db.prisma.user.findMany({ select: { passwordHash: true } })).map((user) => user.passwordHash);
    const leaked = [...secrets, ...hashes].filter((secret) => secret && logs.includes(secret));
    figures.leaksInLogs = leaked.length;
    expect(leaked.map((secret) => `${secret.slice(0, 8)}…`)).toEqual([]);
    expect(logs).not.toMatch(/"authorization":"Bearer/i);
  });
});
