import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { startAdminApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('collections', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let editor: TestUser;
  let reporter: TestUser;
  let sectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    editor = await createUser(db.prisma, 'editor');
    reporter = await createUser(db.prisma, 'contributor');
    sectionId = (await createSection(db.prisma, { slug: 'world-news', name: 'World News' })).id;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;
  const { draft, published, transition } = newsroom(base, () => sectionId);
  const put = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    call(base(), 'PUT', `/collections/${id}/items`, { auth: editor.auth, body, headers });
  /** What delivery shows: the rail's items that are live, in order. */
  const liveRail = async (collectionId: string) =>
    (
      await db.prisma.collectionItem.findMany({
        where: { collectionId, article: { published: { isNot: null } } },
        orderBy: { position: 'asc' },
        select: { articleId: true },
      })
    ).map((item) => item.articleId);

  it('lets editors curate per-locale lists; everyone reads', async () => {
    expect((await call(base(), 'POST', '/collections', { auth: reporter.auth, body: { slug: 'top-stories', name: 'Top stories' } })).status).toBe(403);
    const created = await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug: 'top-stories', name: 'Top stories', maxItems: 3 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'top-stories', locale: 'en', name: 'Top stories', maxItems: 3, version: 1, items: [] });
    expect(created.headers.get('etag')).toBe('"1"');
    // The same slug in another language is another collection; twice in one language is not.
    expect((await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug: 'top-stories', locale: 'ru', name: 'Главное' } })).status).toBe(201);
    const twice = await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug: 'top-stories', name: 'Again' } });
    expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 409, code: 'slug_taken' });
    expect((await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug: 'x', locale: 'xx', name: 'X' } })).status).toBe(400);
    // Rails list working copies (other people's drafts too): contributors may not read them.
    expect((await call(base(), 'GET', '/collections?locale=en', { auth: reporter.auth })).status).toBe(403);
    const listed = await call(base(), 'GET', '/collections?locale=en', { auth: editor.auth });
    expect(listed.body.data.map((c: { slug: string }) => c.slug)).toEqual(['top-stories']);
  });

  it('replaces the order atomically, validates it, and drops an unpublished story from the live rail', async () => {
    const rail = await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug: 'features', name: 'Features', maxItems: 3 } });
    const id = rail.body.id;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => published(editor)));
    const pending = await draft(editor);
    const russian = await draft(editor, { locale: 'ru', headline: 'Новости' });

    const replaced = await put(id, { articleIds: [b.id, a.id, pending.id], labels: { [a.id]: 'FEATURE' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(2);
    expect(replaced.body.items.map((i: { articleId: string; label: string | null; live: boolean }) => [i.articleId, i.label, i.live])).toEqual([
      [b.id, null, true],
      [a.id, 'FEATURE', true],
      [pending.id, null, false],
    ]);
    // Delivery shows live items only: the draft is not in the rail.
    expect(await liveRail(id)).toEqual([b.id, a.id]);

    // Refused whole, leaving the list as it was.
    const refusals = [
      { articleIds: [a.id, a.id] },
      { articleIds: [a.id, b.id, c.id, pending.id] },
      { articleIds: ['00000000-0000-4000-8000-000000000000'] },
      { articleIds: [russian.id] },
      { articleIds: [a.id], labels: { [b.id]: 'X' } },
      { articleIds: ['not-a-uuid'] },
    ];
    for (const body of refusals) {
      const refused = await put(id, body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    }
    expect((await put(id, { articleIds: [a.id, a.id] })).body.errors).toEqual([{ path: 'articleIds[1]', message: 'duplicate of articleIds[0]' }]);
    expect((await call(base(), 'GET', `/collections/${id}`, { auth: editor.auth })).body.items.map((i: { articleId: string }) => i.articleId)).toEqual([
      b.id,
      a.id,
      pending.id,
    ]);
    expect((await put(id, { articleIds: [c.id] }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await call(base(), 'PUT', `/collections/${id}/items`, { auth: reporter.auth, body: { articleIds: [] } })).status).toBe(403);

    // The top story is unpublished: it drops out of the rail with nobody editing the rail.
    await transition(editor, b.id, { action: 'unpublish', reason: 'Legal review' });
    expect(await liveRail(id)).toEqual([a.id]);
    expect((await call(base(), 'GET', `/collections/${id}`, { auth: editor.auth })).body.items).toHaveLength(3);

    const events = await db.prisma.outboxEvent.findMany({ where: { type: 'collection.updated' }, orderBy: { seq: 'asc' } });
    expect(events.at(-1)?.data).toMatchObject({
      collection: { id, slug: 'features', locale: 'en' },
      articleIds: [b.id, a.id, pending.id],
      surrogateKeys: [`collection-${id}`],
    });
    expect(await db.prisma.auditEvent.count({ where: { entityId: id, action: 'collection.items_replaced' } })).toBe(1);
  });

  it('updates and deletes with optional If-Match, keeping maxItems consistent', async () => {
    const rail = await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug: 'most-read', name: 'Most read' } });
    const id = rail.body.id;
    const stories = await Promise.all([1, 2, 3].map(() => published(editor)));
    const filled = await put(id, { articleIds: stories.map((s) => s.id) }, { 'if-match': '"1"' });
    expect(filled.status).toBe(200);
    const shrink = await call(base(), 'PATCH', `/collections/${id}`, { auth: editor.auth, body: { maxItems: 2 } });
    expect(shrink.status).toBe(400);
    const renamed = await call(base(), 'PATCH', `/collections/${id}`, {
      auth: editor.auth,
      body: { name: 'Most read today', maxItems: 5 },
      headers: { 'if-match': '"2"' },
    });
    expect(renamed.body).toMatchObject({ name: 'Most read today', maxItems: 5, version: 3 });
    expect((await call(base(), 'PATCH', `/collections/${id}`, { auth: editor.auth, body: { name: 'X' }, headers: { 'if-match': '"2"' } })).status).toBe(412);
    expect((await call(base(), 'DELETE', `/collections/${id}`, { auth: reporter.auth })).status).toBe(403);
    expect((await call(base(), 'DELETE', `/collections/${id}`, { auth: editor.auth })).status).toBe(204);
    expect((await call(base(), 'GET', `/collections/${id}`, { auth: editor.auth })).status).toBe(404);
    expect(await db.prisma.collectionItem.count({ where: { collectionId: id } })).toBe(0);
  });

  it('keeps one consistent order when two desks replace it at once', async () => {
    const rail = await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug: 'breaking', name: 'Breaking' } });
    const stories = await Promise.all([1, 2, 3, 4].map(() => published(editor)));
    const orders = [stories.map((s) => s.id), [...stories].reverse().map((s) => s.id), [stories[0].id, stories[2].id]];
    const results = await Promise.all(orders.map((articleIds) => put(rail.body.id, { articleIds })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const final = (await call(base(), 'GET', `/collections/${rail.body.id}`, { auth: editor.auth })).body;
    expect(orders).toContainEqual(final.items.map((i: { articleId: string }) => i.articleId));
    expect(final.version).toBe(4);
  });

  it('pages through the collections of one locale by slug, the locale filter kept on every page', async () => {
    for (const slug of ['paged-c', 'paged-a', 'paged-b']) {
      for (const locale of ['en', 'ar']) await call(base(), 'POST', '/collections', { auth: editor.auth, body: { slug, locale, name: slug } });
    }
    const seen: { slug: string; locale: string }[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const page = await call(base(), 'GET', `/collections?locale=ar&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { auth: editor.auth });
      expect(page.body.data).toHaveLength(1);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    }
    expect(seen.map((c) => `${c.locale}/${c.slug}`)).toEqual(['ar/paged-a', 'ar/paged-b', 'ar/paged-c']);
  });

  it('declares maxItems as integer or null and labels as string or null in the admin document', async () => {
    const schemas = (await call(api.url, 'GET', '/admin/docs/openapi.json')).body.components.schemas;
    for (const dto of ['CreateCollectionDto', 'UpdateCollectionDto']) {
      expect(schemas[dto].properties.maxItems).toMatchObject({ type: ['integer', 'null'], minimum: 1, maximum: 200 });
    }
    expect(schemas.ReplaceItemsDto.properties.labels.additionalProperties).toEqual({ type: ['string', 'null'], maxLength: 50 });
  });
});
