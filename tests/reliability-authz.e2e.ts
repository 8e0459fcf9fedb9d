import { randomUUID } from 'node:crypto';
import { hashToken, newToken, RouteAccessCheck, SESSION_PREFIX } from '#auth';
import { call, createImage, createSection, createUser, type TestUser } from './support/factories.js';
import { changedTables, fingerprint, isProblem, report } from './support/reliability.js';
import { startAdminApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Who may call each admin route, written from the API contract
 * (../shared/API.md), independently of permissions.ts: the matrix checks the
 * running app against it. A route the app has and this table lacks fails the
 * test, so a new route cannot slip in without someone deciding who may call it.
 */
type Level = 'public' | 'user' | 'editor' | 'admin';
const EXPECTED: Record<string, Level> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'user',
  'GET /me': 'user',
  'GET /users': 'admin',
  'POST /users': 'admin',
  'GET /users/:id': 'admin',
  'PATCH /users/:id': 'admin',
  'GET /api-tokens': 'admin',
  'POST /api-tokens': 'admin',
  'DELETE /api-tokens/:id': 'admin',
  'GET /audit': 'admin',
  // Articles: any user at the guard; contributors are held to their own articles by the services (tested below).
  'GET /articles': 'user',
  'POST /articles': 'user',
  'GET /articles/:id': 'user',
  'PATCH /articles/:id': 'user',
  'POST /articles/:id/transitions': 'user',
  'POST /articles/:id/lock': 'user',
  'DELETE /articles/:id/lock': 'user',
  'GET /articles/:id/revisions': 'user',
  'GET /articles/:id/revisions/compare': 'user',
  'GET /articles/:id/revisions/:number': 'user',
  'POST /articles/:id/revisions/:number/restore': 'user',
  'GET /articles/:id/comments': 'user',
  'POST /articles/:id/comments': 'user',
  'GET /articles/:id/history': 'user',
  'POST /articles/:id/preview-token': 'user',
  // Ending every preview link of an article at once: editors and admins (who can also archive or unpublish it).
  'DELETE /articles/:id/preview-tokens': 'editor',
  'GET /articles/:id/translations': 'user',
  'POST /articles/:id/translations': 'user',
  'DELETE /articles/:id/translations/:otherId': 'user',
  'GET /media': 'user',
  'POST /media': 'user',
  'GET /media/:id': 'user',
  'GET /media/:id/usage': 'user',
  'PATCH /media/:id': 'user',
  'DELETE /media/:id': 'editor',
  'GET /webhooks': 'admin',
  'POST /webhooks': 'admin',
  'GET /webhooks/:id': 'admin',
  'PATCH /webhooks/:id': 'admin',
  'DELETE /webhooks/:id': 'admin',
  'POST /webhooks/:id/rotate-secret': 'admin',
  'POST /webhooks/:id/resume': 'admin',
  'POST /webhooks/:id/ping': 'admin',
  'GET /webhooks/:id/deliveries': 'admin',
  'GET /webhooks/:id/deliveries/:deliveryId': 'admin',
  'POST /webhooks/:id/deliveries/:deliveryId/redeliver': 'admin',
  'GET /tags': 'user',
  'GET /tags/:id': 'user',
  'POST /tags': 'admin',
  'PATCH /tags/:id': 'admin',
  'DELETE /tags/:id': 'admin',
  'POST /tags/:id/merge': 'admin',
  'GET /sections': 'user',
  'GET /sections/:id': 'user',
  'POST /sections': 'admin',
  'PATCH /sections/:id': 'admin',
  'DELETE /sections/:id': 'admin',
  'GET /authors': 'user',
  'GET /authors/:id': 'user',
  'POST /authors': 'editor',
  'PATCH /authors/:id': 'editor',
  'GET /locales': 'user',
  'GET /locales/:code': 'user',
  'POST /locales': 'admin',
  'PATCH /locales/:code': 'admin',
  // API.md: collections are editor+ (a rail lists working copies, other people's drafts included).
  'GET /collections': 'editor',
  'GET /collections/:id': 'editor',
  'POST /collections': 'editor',
  'PATCH /collections/:id': 'editor',
  'DELETE /collections/:id': 'editor',
  'PUT /collections/:id/items': 'editor',
  // API.md: operators. An admin (session or admin API token); a scraper's METRICS_TOKEN is tested in metrics.e2e.ts.
  'GET /metrics': 'admin',
};

/** Routes at the root of the admin port, outside the /admin/v1 prefix. */
const ROOT_ROUTES = new Set(['GET /health', 'GET /metrics']);

const RANK: Record<Level, number> = { public: 0, user: 1, editor: 2, admin: 3 };
type PrincipalName = 'anonymous' | 'contributor' | 'editor' | 'admin' | 'disabled user' | 'revoked API token' | 'expired token';
const PRINCIPALS: PrincipalName[] = ['anonymous', 'contributor', 'editor', 'admin', 'disabled user', 'revoked API token', 'expired token'];

/** What a principal should get: "allow" (past the guard), 401 or 403. */
function expectedOutcome(level: Level, principal: PrincipalName): 'allow' | 401 | 403 {
  if (level === 'public') return 'allow';
  if (principal === 'anonymous' || principal === 'disabled user' || principal === 'revoked API token' || principal === 'expired token') return 401;
  const rank = { contributor: RANK.user, editor: RANK.editor, admin: RANK.admin }[principal];
  return rank >= RANK[level] ? 'allow' : 403;
}

/** A concrete path for a route pattern: ids that name nothing, so an allowed call changes nothing it should not. */
function concretePath(pattern: string): string {
  return pattern
    .replace(/:number/g, '1')
    .replace(/:code/g, 'zz')
    .replace(/:[a-zA-Z]+/g, () => randomUUID());
}

describe('authorization matrix', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let admin: TestUser;
  let editor: TestUser;
  let contributor: TestUser;
  const auth: Partial<Record<PrincipalName, { authorization: string }>> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url);
    admin = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    contributor = await createUser(db.prisma, 'contributor');
    const disabledAdmin = await createUser(db.prisma, 'admin', { disabled: true });
    // The matrix's own users: its logout cells end their sessions.
    auth.admin = (await createUser(db.prisma, 'admin')).auth;
    auth.editor = (await createUser(db.prisma, 'editor')).auth;
    auth.contributor = (await createUser(db.prisma, 'contributor')).auth;
    auth['disabled user'] = disabledAdmin.auth;
    // An admin-role API token, revoked through the API.
    const created = await call(`${api.url}/admin/v1`, 'POST', '/api-tokens', { auth: admin.auth, body: { name: 'to revoke', role: 'admin' } });
    expect(created.status).toBe(201);
    expect((await call(`${api.url}/admin/v1`, 'DELETE', `/api-tokens/${created.body.id}`, { auth: admin.auth })).status).toBe(204);
    auth['revoked API token'] = { authorization: `Bearer ${created.body.token}` };
    // An admin's session that has run out.
    const expired = newToken(SESSION_PREFIX);
    await db.prisma.session.create({ data: { userId: admin.id, tokenHash: hashToken(expired), expiresAt: new Date(Date.now() - 1000) } });
    auth['expired token'] = { authorization: `Bearer ${expired}` };
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;
  const routeKeys = () =>
    api.app
      .get(RouteAccessCheck)
      .routes()
      .map((route) => `${route.method} ${route.path}`);

  it('has an expectation for every route the app serves, and no stale ones', () => {
    const served = routeKeys();
    expect(served.length).toBeGreaterThan(50);
    expect(served.filter((key) => !(key in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((key) => !served.includes(key))).toEqual([]);
  });

  it('gives every route × principal the expected outcome, and refused calls change nothing', async () => {
    // Logout ends the caller's session: run it last.
    const routes = routeKeys().sort((a, b) => Number(a === 'POST /auth/logout') - Number(b === 'POST /auth/logout'));
    const cells: { route: string; principal: PrincipalName; expected: 'allow' | 401 | 403 }[] = [];
    for (const route of routes) for (const principal of PRINCIPALS) cells.push({ route, principal, expected: expectedOutcome(EXPECTED[route]!, principal) });

    const mismatches: string[] = [];
    let unexpectedAllows = 0;
    const send = async (route: string, principal: PrincipalName) => {
      const [method, pattern] = route.split(' ') as [string, string];
      const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
      return call(ROOT_ROUTES.has(route) ? api.url : base(), method, concretePath(pattern), {
        auth: auth[principal],
        body: hasBody ? {} : undefined,
        headers: { 'if-match': '"1"' },
      });
    };

    // Every refusal first, with the database fingerprinted around them.
    const before = await fingerprint(db.prisma, ['session', 'api_token']);
    for (const cell of cells.filter((c) => c.expected !== 'allow')) {
      const response = await send(cell.route, cell.principal);
      const code = cell.expected === 401 ? 'unauthenticated' : 'forbidden';
      if (response.status !== cell.expected || response.body?.code !== code || !isProblem(response)) {
        mismatches.push(`${cell.route} as ${cell.principal}: expected ${cell.expected}, got ${response.status} ${response.body?.code ?? ''}`);
        if (response.status !== 401 && response.status !== 403) unexpectedAllows++;
      }
    }
    const changedByRefusals = changedTables(before, await fingerprint(db.prisma, ['session', 'api_token']));

    // Then the allowed cells: past the guard (not 401/403), and never a 5xx.
    for (const cell of cells.filter((c) => c.expected === 'allow')) {
      const response = await send(cell.route, cell.principal);
      if (response.status === 401 || response.status === 403 || response.status >= 500) {
        mismatches.push(`${cell.route} as ${cell.principal}: expected to pass the guard, got ${response.status} ${response.body?.code ?? ''}`);
      }
    }

    report('authz-matrix', {
      routes: routes.length,
      principals: PRINCIPALS.length,
      cells: cells.length,
      refusals: cells.filter((c) => c.expected !== 'allow').length,
      unexpectedAllows,
      mismatches: mismatches.length,
      tablesChangedByRefusals: changedByRefusals.length,
    });
    expect(mismatches).toEqual([]);
    expect(changedByRefusals).toEqual([]);
    expect(unexpectedAllows).toBe(0);
  });

  describe('contributors stay inside their own work', () => {
    let other: TestUser;
    let othersArticle: { id: string; version: number };
    let ownArticle: { id: string; version: number };

    beforeAll(async () => {
      other = await createUser(db.prisma, 'contributor');
      const make = async (who: TestUser, headline: string) => {
        const created = await call(base(), 'POST', '/articles', { auth: who.auth, body: { headline, body: [{ type: 'paragraph', text: 'Text.' }] } });
        expect(created.status).toBe(201);
        return created.body as { id: string; version: number };
      };
      othersArticle = await make(other, 'Someone else’s scoop');
      ownArticle = await make(contributor, 'My own story');
    });

    it('cannot read, edit, move, comment on, restore, lock, link or preview another contributor’s article; nothing changes', async () => {
      const id = othersArticle.id;
      const ifMatch = { 'if-match': `"${othersArticle.version}"` };
      const attempts: [string, string, unknown?][] = [
        ['GET', `/articles/${id}`],
        ['PATCH', `/articles/${id}`, { headline: 'Hijacked' }],
        ['POST', `/articles/${id}/transitions`, { action: 'submit' }],
        ['POST', `/articles/${id}/lock`, {}],
        ['DELETE', `/articles/${id}/lock`],
        ['GET', `/articles/${id}/revisions`],
        ['GET', `/articles/${id}/revisions/1`],
        ['POST', `/articles/${id}/revisions/1/restore`, {}],
        ['GET', `/articles/${id}/comments`],
        ['POST', `/articles/${id}/comments`, { body: 'psst' }],
        ['GET', `/articles/${id}/history`],
        ['POST', `/articles/${id}/preview-token`, {}],
        ['GET', `/articles/${id}/translations`],
        ['POST', `/articles/${ownArticle.id}/translations`, { articleId: id }],
        ['POST', `/articles/${id}/translations`, { articleId: ownArticle.id }],
      ];
      const before = await fingerprint(db.prisma, ['session', 'api_token']);
      const outcomes = [];
      for (const [method, path, body] of attempts) {
        const response = await call(base(), method, path, { auth: contributor.auth, body, headers: ifMatch });
        outcomes.push({ method, path, status: response.status, problem: isProblem(response) });
      }
      expect(changedTables(before, await fingerprint(db.prisma, ['session', 'api_token']))).toEqual([]);
      for (const outcome of outcomes) {
        expect({ ...outcome, refused: [400, 403, 404].includes(outcome.status) }).toMatchObject({ refused: true, problem: true });
      }
      const listed = await call(base(), 'GET', '/articles?limit=100', { auth: contributor.auth });
      expect(listed.body.data.map((article: { id: string }) => article.id)).not.toContain(id);
    });

    it('cannot change a photo a live story uses or someone else uploaded, translate another’s story, or read its draft through media usage; nothing changes', async () => {
      const sectionId = (await createSection(db.prisma)).id;
      const ownPhoto = (await createImage(db.prisma)).id;
      const othersPhoto = (await createImage(db.prisma, { credit: '', creator: '' })).id;
      await db.prisma.mediaAsset.update({ where: { id: ownPhoto }, data: { createdById: contributor.id } });
      await db.prisma.mediaAsset.update({ where: { id: othersPhoto }, data: { createdById: other.id } });
      const lead = await call(base(), 'POST', '/articles', {
        auth: editor.auth,
        body: { headline: 'Live lead', standfirst: 'S', sectionId, leadMediaId: ownPhoto, body: [{ type: 'paragraph', text: 'Text.' }] },
      });
      const live = await call(base(), 'POST', `/articles/${lead.body.id}/transitions`, {
        auth: editor.auth,
        body: { action: 'publish' },
        headers: { 'if-match': `"${lead.body.version}"` },
      });
      expect(live.status).toBe(200);
      const usedByOther = await call(base(), 'PATCH', `/articles/${othersArticle.id}`, {
        auth: other.auth,
        body: { leadMediaId: othersPhoto },
        headers: { 'if-match': `"${othersArticle.version}"` },
      });
      expect(usedByOther.status).toBe(200);

      const before = await fingerprint(db.prisma, ['session', 'api_token']);
      const attempts: [string, string, unknown][] = [
        ['PATCH', `/media/${ownPhoto}`, { credit: '', creator: '' }],
        ['PATCH', `/media/${ownPhoto}`, { rightsExpireAt: new Date(Date.now() - 60_000).toISOString() }],
        ['PATCH', `/media/${othersPhoto}`, { caption: 'Mine now' }],
        ['POST', '/articles', { headline: 'Squatter', locale: 'ru', translationOf: othersArticle.id }],
        ['POST', '/articles', { headline: 'Squatter', locale: 'ru', translationOf: lead.body.id }],
      ];
      for (const [method, path, body] of attempts) {
        const response = await call(base(), method, path, { auth: contributor.auth, body });
        expect({ method, path, body, status: response.status, code: response.body?.code }).toEqual({ method, path, body, status: 403, code: 'forbidden' });
      }
      const usage = await call(base(), 'GET', `/media/${othersPhoto}/usage`, { auth: contributor.auth });
      expect({ status: usage.status, data: usage.body.data }).toEqual({ status: 200, data: [] });
      expect(changedTables(before, await fingerprint(db.prisma, ['session', 'api_token']))).toEqual([]);
    });

    it('cannot escalate their own role, mint a token, or read the audit log; nothing changes', async () => {
      const before = await fingerprint(db.prisma, ['session', 'api_token']);
      const attempts = [
        await call(base(), 'PATCH', `/users/${contributor.id}`, { auth: contributor.auth, body: { role: 'admin' } }),
        await call(base(), 'PATCH', `/users/${contributor.id}`, { auth: contributor.auth, body: { role: 'editor', disabled: false } }),
        await call(base(), 'POST', '/users', {
          auth: contributor.auth,
          body: { email: 'sock@example.test', name: 'Sock', role: 'admin', password: 'long enough password' },
        }),
        await call(base(), 'POST', '/api-tokens', { auth: contributor.auth, body: { name: 'mine', role: 'admin' } }),
        await call(base(), 'GET', '/audit', { auth: contributor.auth }),
        await call(base(), 'GET', `/audit?entityId=${othersArticle.id}`, { auth: contributor.auth }),
        await call(base(), 'GET', '/audit', { auth: editor.auth }),
        await call(base(), 'PATCH', `/users/${editor.id}`, { auth: editor.auth, body: { role: 'admin' } }),
      ];
      for (const response of attempts) {
        expect({ status: response.status, code: response.body?.code, problem: isProblem(response) }).toEqual({ status: 403, code: 'forbidden', problem: true });
      }
      expect(changedTables(before, await fingerprint(db.prisma, ['session', 'api_token']))).toEqual([]);
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: contributor.id } })).role).toBe('contributor');
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: editor.id } })).role).toBe('editor');
      expect((await call(base(), 'GET', '/me', { auth: contributor.auth })).body.role).toBe('contributor');
    });
  });
});
