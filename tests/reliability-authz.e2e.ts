import { randomUUID } from 'node:crypto';
import { hashToken, newToken, RouteAccessCheck, SESSION_PREFIX } from '#auth';
import { ARTICLE_POLICY, listingVisibility, MEDIA_POLICY, type Permission, PERMISSION_POLICY, roleAtLeast, type Verdict } from '#content';
import { call, createImage, createSection, createUser, type TestUser } from './support/factories.js';
import { changedTables, fingerprint, isProblem, report } from './support/reliability.js';
import { startAdminApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * What each admin route requires, written from the API contract
 * (../shared/API.md): public, or a permission whose least role the access
 * policy (libs/content/src/policy/access-policy.ts) states. The matrix reads
 * who may pass from that one table and checks the running app against it; it
 * also checks each route declares the permission written here. A route the
 * app has and this table lacks fails the test, so a new route cannot slip in
 * without someone deciding who may call it.
 */
const EXPECTED: Record<string, Permission | 'public'> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'profile:read',
  'GET /me': 'profile:read',
  'GET /users': 'users:manage',
  'POST /users': 'users:manage',
  'GET /users/:id': 'users:manage',
  'PATCH /users/:id': 'users:manage',
  'GET /api-tokens': 'api-tokens:manage',
  'POST /api-tokens': 'api-tokens:manage',
  'DELETE /api-tokens/:id': 'api-tokens:manage',
  'GET /audit': 'audit:read',
  // Articles: any user at the guard; contributors are held to their own articles by ARTICLE_POLICY (tested below).
  'GET /articles': 'articles:read',
  'POST /articles': 'articles:write',
  'GET /articles/:id': 'articles:read',
  'PATCH /articles/:id': 'articles:write',
  'POST /articles/:id/transitions': 'articles:transition',
  'POST /articles/:id/lock': 'articles:write',
  'DELETE /articles/:id/lock': 'articles:write',
  'GET /articles/:id/revisions': 'articles:read',
  'GET /articles/:id/revisions/compare': 'articles:read',
  'GET /articles/:id/revisions/:number': 'articles:read',
  'POST /articles/:id/revisions/:number/restore': 'articles:write',
  'GET /articles/:id/comments': 'articles:read',
  'POST /articles/:id/comments': 'articles:comment',
  'GET /articles/:id/history': 'articles:read',
  'POST /articles/:id/preview-token': 'articles:read',
  // Ending every preview link of an article at once: editors and admins (who can also archive or unpublish it).
  'DELETE /articles/:id/preview-tokens': 'previews:revoke',
  'GET /articles/:id/translations': 'articles:read',
  'POST /articles/:id/translations': 'articles:write',
  'DELETE /articles/:id/translations/:otherId': 'articles:write',
  'GET /media': 'media:read',
  'POST /media': 'media:upload',
  'GET /media/:id': 'media:read',
  'GET /media/:id/usage': 'media:read',
  'PATCH /media/:id': 'media:edit',
  'DELETE /media/:id': 'media:delete',
  'GET /webhooks': 'webhooks:manage',
  'POST /webhooks': 'webhooks:manage',
  'GET /webhooks/:id': 'webhooks:manage',
  'PATCH /webhooks/:id': 'webhooks:manage',
  'DELETE /webhooks/:id': 'webhooks:manage',
  'POST /webhooks/:id/rotate-secret': 'webhooks:manage',
  'POST /webhooks/:id/resume': 'webhooks:manage',
  'POST /webhooks/:id/ping': 'webhooks:manage',
  'GET /webhooks/:id/deliveries': 'webhooks:manage',
  'GET /webhooks/:id/deliveries/:deliveryId': 'webhooks:manage',
  'POST /webhooks/:id/deliveries/:deliveryId/redeliver': 'webhooks:manage',
  'GET /tags': 'taxonomy:read',
  'GET /tags/:id': 'taxonomy:read',
  'POST /tags': 'tags:manage',
  'PATCH /tags/:id': 'tags:manage',
  'DELETE /tags/:id': 'tags:manage',
  'POST /tags/:id/merge': 'tags:manage',
  'GET /sections': 'taxonomy:read',
  'GET /sections/:id': 'taxonomy:read',
  'POST /sections': 'sections:manage',
  'PATCH /sections/:id': 'sections:manage',
  'DELETE /sections/:id': 'sections:manage',
  'GET /authors': 'taxonomy:read',
  'GET /authors/:id': 'taxonomy:read',
  'POST /authors': 'authors:manage',
  'PATCH /authors/:id': 'authors:manage',
  'GET /locales': 'taxonomy:read',
  'GET /locales/:code': 'taxonomy:read',
  'POST /locales': 'locales:manage',
  'PATCH /locales/:code': 'locales:manage',
  // API.md: collections are editor+ (a rail lists working copies, other people's drafts included).
  'GET /collections': 'collections:read',
  'GET /collections/:id': 'collections:read',
  'POST /collections': 'collections:manage',
  'PATCH /collections/:id': 'collections:manage',
  'DELETE /collections/:id': 'collections:manage',
  'PUT /collections/:id/items': 'collections:manage',
  // API.md: operators. An admin (session or admin API token); a scraper's METRICS_TOKEN is tested in metrics.e2e.ts.
  'GET /metrics': 'metrics:read',
};

/** Routes at the root of the admin port, outside the /admin/v1 prefix. */
const ROOT_ROUTES = new Set(['GET /health', 'GET /metrics']);

type PrincipalName = 'anonymous' | 'contributor' | 'editor' | 'admin' | 'disabled user' | 'revoked API token' | 'expired token';
const PRINCIPALS: PrincipalName[] = ['anonymous', 'contributor', 'editor', 'admin', 'disabled user', 'revoked API token', 'expired token'];

/** What a principal should get: "allow" (past the guard), 401 or 403. */
function expectedOutcome(required: Permission | 'public', principal: PrincipalName): 'allow' | 401 | 403 {
  if (required === 'public') return 'allow';
  if (principal === 'anonymous' || principal === 'disabled user' || principal === 'revoked API token' || principal === 'expired token') return 401;
  return roleAtLeast(principal, PERMISSION_POLICY[required]) ? 'allow' : 403;
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

  it('finds each route declaring the permission the contract gives it', () => {
    const declared = api.app
      .get(RouteAccessCheck)
      .routes()
      .map((route) => ({ route: `${route.method} ${route.path}`, access: route.access }));
    expect(declared.filter(({ route, access }) => EXPECTED[route] !== access)).toEqual([]);
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
      // What the access policy says of each call, for this contributor and someone else's draft.
      const me = { role: 'contributor' as const, userId: contributor.id };
      const theirs = { createdById: other.id, status: 'draft' as const };
      const mine = { createdById: contributor.id };
      const attempts: [string, string, unknown, Verdict][] = [
        ['GET', `/articles/${id}`, undefined, ARTICLE_POLICY.see(me, theirs)],
        ['PATCH', `/articles/${id}`, { headline: 'Hijacked' }, ARTICLE_POLICY.edit(me, theirs)],
        ['POST', `/articles/${id}/transitions`, { action: 'submit' }, ARTICLE_POLICY.see(me, theirs)],
        ['POST', `/articles/${id}/lock`, {}, ARTICLE_POLICY.see(me, theirs)],
        ['DELETE', `/articles/${id}/lock`, undefined, ARTICLE_POLICY.see(me, theirs)],
        ['GET', `/articles/${id}/revisions`, undefined, ARTICLE_POLICY.see(me, theirs)],
        ['GET', `/articles/${id}/revisions/1`, undefined, ARTICLE_POLICY.see(me, theirs)],
        ['POST', `/articles/${id}/revisions/1/restore`, {}, ARTICLE_POLICY.edit(me, theirs)],
        ['GET', `/articles/${id}/comments`, undefined, ARTICLE_POLICY.see(me, theirs)],
        ['POST', `/articles/${id}/comments`, { body: 'psst' }, ARTICLE_POLICY.comment(me, theirs)],
        ['GET', `/articles/${id}/history`, undefined, ARTICLE_POLICY.see(me, theirs)],
        ['POST', `/articles/${id}/preview-token`, {}, ARTICLE_POLICY.see(me, theirs)],
        ['GET', `/articles/${id}/translations`, undefined, ARTICLE_POLICY.see(me, theirs)],
        ['POST', `/articles/${ownArticle.id}/translations`, { articleId: id }, ARTICLE_POLICY.linkEditions(me, mine, theirs)],
        ['POST', `/articles/${id}/translations`, { articleId: ownArticle.id }, ARTICLE_POLICY.linkEditions(me, theirs, mine)],
      ];
      const before = await fingerprint(db.prisma, ['session', 'api_token']);
      const outcomes = [];
      for (const [method, path, body, verdict] of attempts) {
        const response = await call(base(), method, path, { auth: contributor.auth, body, headers: ifMatch });
        outcomes.push({ method, path, refusedByPolicy: !verdict.ok, refused: [400, 403, 404].includes(response.status), problem: isProblem(response) });
      }
      expect(changedTables(before, await fingerprint(db.prisma, ['session', 'api_token']))).toEqual([]);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({ refusedByPolicy: true, refused: true, problem: true });
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
      const me = { role: 'contributor' as const, userId: contributor.id };
      const attempts: [string, string, unknown, Verdict][] = [
        ['PATCH', `/media/${ownPhoto}`, { credit: '', creator: '' }, MEDIA_POLICY.edit(me, { createdById: contributor.id }, true)],
        [
          'PATCH',
          `/media/${ownPhoto}`,
          { rightsExpireAt: new Date(Date.now() - 60_000).toISOString() },
          MEDIA_POLICY.edit(me, { createdById: contributor.id }, true),
        ],
        ['PATCH', `/media/${othersPhoto}`, { caption: 'Mine now' }, MEDIA_POLICY.edit(me, { createdById: other.id }, false)],
        ['POST', '/articles', { headline: 'Squatter', locale: 'ru', translationOf: othersArticle.id }, ARTICLE_POLICY.translate(me, { createdById: other.id })],
        ['POST', '/articles', { headline: 'Squatter', locale: 'ru', translationOf: lead.body.id }, ARTICLE_POLICY.translate(me, { createdById: editor.id })],
      ];
      for (const [method, path, body, verdict] of attempts) {
        const response = await call(base(), method, path, { auth: contributor.auth, body });
        expect({ method, path, refusedByPolicy: !verdict.ok, status: response.status, code: response.body?.code }).toEqual({
          method,
          path,
          refusedByPolicy: true,
          status: 403,
          code: 'forbidden',
        });
      }
      expect(listingVisibility(me, { createdById: other.id, live: false })).toBe('none');
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
