import pg from 'pg';
import { call, createImage, createSection, createTag, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { eventually } from './support/processes.js';
import { startAdminApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('taxonomy: tags, sections, authors, locales', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let admin: TestUser;
  let editor: TestUser;
  let reporter: TestUser;
  let worldId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    admin = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    reporter = await createUser(db.prisma, 'contributor');
    worldId = (await createSection(db.prisma, { slug: 'world-news', name: 'World News' })).id;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;
  const { draft, published, edit } = newsroom(base, () => worldId);
  const linksOf = async (articleId: string) =>
    (await db.prisma.articleTag.findMany({ where: { articleId }, orderBy: { position: 'asc' } })).map((link) => link.tagId);
  /** Resolves once some backend is waiting for a lock `holder` holds (the database's word, not a timer). */
  const untilWaitingOn = async (holder: pg.Client) => {
    const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await eventually(
      async () => {
        const [waiting] = await db.prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND ${rows[0]!.pid}::int = ANY (pg_blocking_pids(pid))`;
        if (waiting!.n === 0) throw new Error(`no backend is waiting on a lock held by backend ${rows[0]!.pid}`);
      },
      10_000,
      20,
    );
  };
  const liveTags = async (articleId: string) => (await db.prisma.publishedArticle.findUniqueOrThrow({ where: { articleId } })).tagIds;

  describe('tags', () => {
    it('lets only admins create, rename and delete; everyone reads', async () => {
      for (const who of [reporter, editor]) {
        expect((await call(base(), 'POST', '/tags', { auth: who.auth, body: { name: 'Kosovo' } })).status).toBe(403);
      }
      const created = await call(base(), 'POST', '/tags', {
        auth: admin.auth,
        body: { name: 'Kosovo', description: 'The region', names: { ru: 'Косово', sr: 'Косово' } },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        slug: 'kosovo',
        name: 'Kosovo',
        description: 'The region',
        names: { ru: 'Косово', sr: 'Косово' },
      });
      const id = created.body.id;
      expect((await call(base(), 'PATCH', `/tags/${id}`, { auth: editor.auth, body: { name: 'X' } })).status).toBe(403);
      expect((await call(base(), 'DELETE', `/tags/${id}`, { auth: editor.auth })).status).toBe(403);
      expect((await call(base(), 'POST', `/tags/${id}/merge`, { auth: editor.auth, body: { intoId: id } })).status).toBe(403);
      const listed = await call(base(), 'GET', '/tags?q=koso', { auth: reporter.auth });
      expect(listed.status).toBe(200);
      expect(listed.body.data.map((t: { slug: string }) => t.slug)).toEqual(['kosovo']);
      expect((await call(base(), 'GET', `/tags/${id}`, { auth: reporter.auth })).body.slug).toBe('kosovo');
    });

    it('makes sensible slugs for any script, unique, and validates input', async () => {
      const ru = await call(base(), 'POST', '/tags', { auth: admin.auth, body: { name: 'Северная Македония' } });
      expect(ru.body.slug).toBe('severnaya-makedoniya');
      const ar = await call(base(), 'POST', '/tags', { auth: admin.auth, body: { name: 'حلف شمال الأطلسي' } });
      expect(ar.status).toBe(201);
      expect(ar.body.slug).toBe('حلف-شمال-الاطلسي'); // Arabic letters kept, hamza dropped
      const taken = await call(base(), 'POST', '/tags', { auth: admin.auth, body: { name: 'Severnaya Makedoniya' } });
      expect({ status: taken.status, code: taken.body.code }).toEqual({ status: 409, code: 'slug_taken' });
      const bad = await call(base(), 'POST', '/tags', { auth: admin.auth, body: { name: 'X', slug: 'Not A Slug', names: { xx: 'y' }, extra: 1 } });
      expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      const badLocale = await call(base(), 'POST', '/tags', { auth: admin.auth, body: { name: 'Y', names: { xx: 'y' } } });
      expect(badLocale.status).toBe(400);
      expect(badLocale.body.errors).toEqual([{ path: 'names.xx', message: 'not a configured locale' }]);
      expect((await call(base(), 'POST', '/tags', { auth: admin.auth, body: { name: '!!!' } })).status).toBe(400);
    });

    it('keeps the old slug as a redirect on rename', async () => {
      const tag = await createTag(db.prisma, { slug: 'belgrade-pristina-talks', name: 'Belgrade-Pristina talks' });
      const renamed = await call(base(), 'PATCH', `/tags/${tag.id}`, {
        auth: admin.auth,
        body: { name: 'Belgrade–Pristina dialogue', slug: 'belgrade-pristina-dialogue' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ slug: 'belgrade-pristina-dialogue', name: 'Belgrade–Pristina dialogue' });
      expect(await db.prisma.tagRedirect.findUnique({ where: { oldSlug: 'belgrade-pristina-talks' } })).toMatchObject({ tagId: tag.id, reason: 'renamed' });
      // A name-only rename keeps the URL.
      await call(base(), 'PATCH', `/tags/${tag.id}`, { auth: admin.auth, body: { names: { ru: 'Диалог Белград–Приштина' } } });
      expect((await db.prisma.tag.findUniqueOrThrow({ where: { id: tag.id } })).slug).toBe('belgrade-pristina-dialogue');
      // Renaming back frees the old slug from its redirect.
      await call(base(), 'PATCH', `/tags/${tag.id}`, { auth: admin.auth, body: { slug: 'belgrade-pristina-talks' } });
      expect(await db.prisma.tagRedirect.findUnique({ where: { oldSlug: 'belgrade-pristina-talks' } })).toBeNull();
      expect(await db.prisma.tagRedirect.findUnique({ where: { oldSlug: 'belgrade-pristina-dialogue' } })).toMatchObject({ tagId: tag.id });
      const audit = await db.prisma.auditEvent.findMany({ where: { entityId: tag.id, action: 'tag.updated' } });
      expect(audit).toHaveLength(3);
    });

    it('refuses to delete a tag in use with the count, unless forced', async () => {
      const tag = await createTag(db.prisma, { slug: 'kfor', name: 'KFOR' });
      const other = await createTag(db.prisma);
      const live = await published(editor, { tagIds: [other.id, tag.id] });
      const working = await draft(reporter, { tagIds: [tag.id] });
      const refused = await call(base(), 'DELETE', `/tags/${tag.id}`, { auth: admin.auth });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'in_use', articleCount: 2 });
      expect(await db.prisma.tag.findUnique({ where: { id: tag.id } })).not.toBeNull();

      expect((await call(base(), 'DELETE', `/tags/${tag.id}?force=true`, { auth: admin.auth })).status).toBe(204);
      expect(await db.prisma.tag.findUnique({ where: { id: tag.id } })).toBeNull();
      expect(await linksOf(live.id)).toEqual([other.id]);
      expect(await linksOf(working.id)).toEqual([]);
      expect(await liveTags(live.id)).toEqual([other.id]);
      expect((await call(base(), 'DELETE', `/tags/${tag.id}`, { auth: admin.auth })).status).toBe(404);
      // An unused tag goes without force.
      const unused = await createTag(db.prisma);
      expect((await call(base(), 'DELETE', `/tags/${unused.id}`, { auth: admin.auth })).status).toBe(204);
    });

    it('merges "North Atlantic Treaty Organization" into "NATO" while articles are being edited: nothing lost, nothing twice', async () => {
      const nato = await createTag(db.prisma, { slug: 'nato', name: 'NATO' });
      const long = await createTag(db.prisma, { slug: 'north-atlantic-treaty-organization', name: 'North Atlantic Treaty Organization' });
      const kosovo = await createTag(db.prisma, { slug: 'kosovo-region', name: 'Kosovo region' });
      await call(base(), 'PATCH', `/tags/${long.id}`, { auth: admin.auth, body: { slug: 'north-atlantic-treaty-org' } });
      await call(base(), 'PATCH', `/tags/${long.id}`, { auth: admin.auth, body: { slug: 'north-atlantic-treaty-organization' } });
      // The redirect from the interim slug belongs to the long tag now.
      expect(await db.prisma.tagRedirect.findUnique({ where: { oldSlug: 'north-atlantic-treaty-org' } })).toMatchObject({ tagId: long.id });

      // Live stories with the long tag only, with both, and working copies.
      const onlyLong = await Promise.all([1, 2, 3, 4].map(() => published(editor, { tagIds: [kosovo.id, long.id] })));
      const both = await Promise.all([1, 2, 3].map(() => published(editor, { tagIds: [long.id, kosovo.id, nato.id] })));
      const drafts = await Promise.all([1, 2, 3].map(() => draft(reporter, { tagIds: [long.id] })));
      // One live story whose working copy dropped the tag: only its snapshot has it.
      const snapshotOnly = await published(editor, { tagIds: [long.id] });
      expect((await edit(editor, snapshotOnly.id, { tagIds: [] })).status).toBe(200);
      const everyone = [...onlyLong, ...both, ...drafts, snapshotOnly];
      const revisionsBefore = await db.prisma.articleRevision.findMany({ where: { articleId: { in: everyone.map((a) => a.id) } }, orderBy: { id: 'asc' } });

      // Editors keep saving (each save rewrites the article's tag links) while the admin merges.
      const editing = everyone.map(async (article, index) => {
        const statuses: number[] = [];
        for (let round = 0; round < 4; round++) {
          const who = drafts.includes(article) ? reporter : editor;
          statuses.push((await edit(who, article.id, { standfirst: `Revised ${index}.${round}` })).status);
        }
        return statuses;
      });
      const merging = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 15));
        return call(base(), 'POST', `/tags/${long.id}/merge`, { auth: admin.auth, body: { intoId: nato.id } });
      })();
      const [merged, ...edits] = await Promise.all([merging, ...editing]);
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ id: nato.id, slug: 'nato', name: 'NATO' });
      expect(edits.flat().every((status) => status === 200)).toBe(true);

      expect(await db.prisma.tag.findUnique({ where: { id: long.id } })).toBeNull();
      expect(await db.prisma.articleTag.count({ where: { tagId: long.id } })).toBe(0);
      for (const article of onlyLong) {
        expect(await linksOf(article.id)).toEqual([kosovo.id, nato.id]);
        expect(await liveTags(article.id)).toEqual([kosovo.id, nato.id]);
      }
      for (const article of both) {
        expect(await linksOf(article.id)).toEqual([kosovo.id, nato.id]);
        expect(await liveTags(article.id)).toEqual([nato.id, kosovo.id]);
      }
      for (const article of drafts) expect(await linksOf(article.id)).toEqual([nato.id]);
      expect(await linksOf(snapshotOnly.id)).toEqual([]);
      expect(await liveTags(snapshotOnly.id)).toEqual([nato.id]);
      // Every story is under NATO once: working copies and the live site.
      const underNato = await db.prisma.publishedArticle.findMany({ where: { tagIds: { has: nato.id } } });
      expect(underNato).toHaveLength(onlyLong.length + both.length + 1);
      expect(underNato.every((row) => row.tagIds.filter((t) => t === nato.id).length === 1)).toBe(true);

      // Revisions stay as they were (new ones from the concurrent edits aside).
      const revisionsAfter = await db.prisma.articleRevision.findMany({ where: { id: { in: revisionsBefore.map((r) => r.id) } }, orderBy: { id: 'asc' } });
      expect(revisionsAfter.map((r) => r.content)).toEqual(revisionsBefore.map((r) => r.content));
      expect(revisionsAfter.some((r) => (r.content as { tagIds: string[] }).tagIds.includes(long.id))).toBe(true);

      // Old slugs redirect to NATO (delivery answers 301 from these rows).
      expect(await db.prisma.tagRedirect.findUnique({ where: { oldSlug: 'north-atlantic-treaty-organization' } })).toMatchObject({
        tagId: nato.id,
        reason: 'merged',
      });
      expect(await db.prisma.tagRedirect.findUnique({ where: { oldSlug: 'north-atlantic-treaty-org' } })).toMatchObject({ tagId: nato.id });

      const events = await db.prisma.outboxEvent.findMany({ where: { type: 'tag.merged' } });
      expect(events).toHaveLength(1);
      const data = events[0].data as { from: { slug: string }; into: { slug: string }; articleIds: string[]; surrogateKeys: string[] };
      expect(data.from.slug).toBe('north-atlantic-treaty-organization');
      expect(data.into.slug).toBe('nato');
      expect([...data.articleIds].sort()).toEqual(everyone.map((a) => a.id).sort());
      expect(data.surrogateKeys).toEqual(expect.arrayContaining([`tag-${long.id}`, `tag-${nato.id}`]));
      expect(await db.prisma.auditEvent.count({ where: { action: 'tag.merged', entityId: nato.id } })).toBe(1);

      // The merged tag is gone: merging it again, or into itself, is refused cleanly.
      expect((await call(base(), 'POST', `/tags/${long.id}/merge`, { auth: admin.auth, body: { intoId: nato.id } })).status).toBe(404);
      expect((await call(base(), 'POST', `/tags/${nato.id}/merge`, { auth: admin.auth, body: { intoId: nato.id } })).status).toBe(400);
      // A stale editor still holding the old tag id gets a clear 400, not a 5xx.
      const stale = await edit(reporter, drafts[0].id, { tagIds: [long.id] });
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    });

    it('never answers 5xx when saves that add a tag race its merge', async () => {
      const into = await createTag(db.prisma);
      const from = await createTag(db.prisma);
      const articles = await Promise.all([1, 2, 3, 4, 5, 6].map(() => draft(editor)));
      const saves = articles.map((article) => edit(editor, article.id, { tagIds: [from.id] }));
      const merge = call(base(), 'POST', `/tags/${from.id}/merge`, { auth: admin.auth, body: { intoId: into.id } });
      const results = await Promise.all([merge, ...saves]);
      expect(results[0].status).toBe(200);
      for (const result of results.slice(1)) expect([200, 400, 409]).toContain(result.status);
      for (const [index, article] of articles.entries()) {
        // A save that went through before the merge was moved to the tag that stays.
        expect(await linksOf(article.id)).toEqual(results[index + 1].status === 200 ? [into.id] : []);
      }
    });
    it('moves a link that a save commits while the merge is under way (the latecomer path)', async () => {
      const into = await createTag(db.prisma);
      const from = await createTag(db.prisma);
      const article = await draft(editor);
      // An article save in flight: it holds the article row and has just written a link to the tag being merged.
      const save = new pg.Client({ connectionString: db.url });
      await save.connect();
      try {
        await save.query('BEGIN');
        await save.query('SELECT id FROM article WHERE id = $1 FOR UPDATE', [article.id]);
        await save.query('INSERT INTO article_tag (article_id, tag_id, position) VALUES ($1, $2, 0)', [article.id, from.id]);
        const merge = call(base(), 'POST', `/tags/${from.id}/merge`, { auth: admin.auth, body: { intoId: into.id } });
        // Commit only once the merge is waiting on this save's locks: a merge that got there after
        // the commit would not exercise the latecomer path at all, whatever its answer.
        await untilWaitingOn(save);
        await save.query('COMMIT');
        expect((await merge).status).toBe(200);
      } finally {
        await save.end();
      }
      expect(await linksOf(article.id)).toEqual([into.id]);
      expect(await db.prisma.tag.findUnique({ where: { id: from.id } })).toBeNull();
    });
  });

  describe('sections', () => {
    it('builds an ordered tree with names per locale; admins only', async () => {
      expect((await call(base(), 'POST', '/sections', { auth: editor.auth, body: { name: 'Europe' } })).status).toBe(403);
      const europe = await call(base(), 'POST', '/sections', { auth: admin.auth, body: { name: 'Europe', parentId: worldId, names: { ru: 'Европа' } } });
      expect(europe.status).toBe(201);
      expect(europe.body).toMatchObject({ slug: 'europe', name: 'Europe', parentId: worldId, position: 0, names: { ru: 'Европа' } });
      const asia = await call(base(), 'POST', '/sections', { auth: admin.auth, body: { name: 'Asia', parentId: worldId } });
      expect(asia.body.position).toBe(1);
      const children = await call(base(), 'GET', `/sections?parentId=${worldId}`, { auth: reporter.auth });
      expect(children.body.data.map((s: { slug: string }) => s.slug)).toEqual(['europe', 'asia']);
      const reordered = await call(base(), 'PATCH', `/sections/${asia.body.id}`, { auth: admin.auth, body: { position: 0 } });
      expect(reordered.status).toBe(200);
      await call(base(), 'PATCH', `/sections/${europe.body.id}`, { auth: admin.auth, body: { position: 1 } });
      const again = await call(base(), 'GET', `/sections?parentId=${worldId}`, { auth: reporter.auth });
      expect(again.body.data.map((s: { slug: string }) => s.slug)).toEqual(['asia', 'europe']);
      const roots = await call(base(), 'GET', '/sections?parentId=root', { auth: reporter.auth });
      expect(roots.body.data.map((s: { slug: string }) => s.slug)).toContain('world-news');
      expect((await call(base(), 'POST', '/sections', { auth: admin.auth, body: { name: 'Europe' } })).body.code).toBe('slug_taken');
      expect(
        (await call(base(), 'POST', '/sections', { auth: admin.auth, body: { name: 'Nowhere', parentId: '00000000-0000-4000-8000-000000000000' } })).status,
      ).toBe(400);
    });

    it('refuses a move under its own descendant, and recomputes live ancestry after a move', async () => {
      const news = await createSection(db.prisma, { slug: 'news-root', name: 'News' });
      const balkans = await createSection(db.prisma, { slug: 'balkans', name: 'Balkans', parentId: news.id });
      const kosovo = await createSection(db.prisma, { slug: 'kosovo-section', name: 'Kosovo', parentId: balkans.id });
      const cycle = await call(base(), 'PATCH', `/sections/${news.id}`, { auth: admin.auth, body: { parentId: kosovo.id } });
      expect({ status: cycle.status, code: cycle.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      expect((await call(base(), 'PATCH', `/sections/${news.id}`, { auth: admin.auth, body: { parentId: news.id } })).status).toBe(400);

      const story = await published(editor, { sectionId: kosovo.id });
      expect((await db.prisma.publishedArticle.findUniqueOrThrow({ where: { articleId: story.id } })).sectionIds).toEqual([kosovo.id, balkans.id, news.id]);
      // Balkans moves under World News: the live story now lists under World News too.
      const moved = await call(base(), 'PATCH', `/sections/${balkans.id}`, { auth: admin.auth, body: { parentId: worldId } });
      expect(moved.status).toBe(200);
      expect(moved.body.parentId).toBe(worldId);
      expect((await db.prisma.publishedArticle.findUniqueOrThrow({ where: { articleId: story.id } })).sectionIds).toEqual([kosovo.id, balkans.id, worldId]);
      // And to the top level.
      await call(base(), 'PATCH', `/sections/${balkans.id}`, { auth: admin.auth, body: { parentId: null } });
      expect((await db.prisma.publishedArticle.findUniqueOrThrow({ where: { articleId: story.id } })).sectionIds).toEqual([kosovo.id, balkans.id]);
    });

    it('refuses to delete a section with children or articles', async () => {
      const parent = await createSection(db.prisma, { slug: 'sport', name: 'Sport' });
      const child = await createSection(db.prisma, { slug: 'football', name: 'Football', parentId: parent.id });
      const withChildren = await call(base(), 'DELETE', `/sections/${parent.id}`, { auth: admin.auth });
      expect(withChildren.status).toBe(409);
      expect(withChildren.body).toMatchObject({ code: 'in_use', childCount: 1 });
      const story = await draft(reporter, { sectionId: child.id });
      const withArticles = await call(base(), 'DELETE', `/sections/${child.id}`, { auth: admin.auth });
      expect(withArticles.body).toMatchObject({ code: 'in_use', articleCount: 1 });
      expect((await edit(reporter, story.id, { sectionId: worldId })).status).toBe(200);
      expect((await call(base(), 'DELETE', `/sections/${child.id}`, { auth: editor.auth })).status).toBe(403);
      expect((await call(base(), 'DELETE', `/sections/${child.id}`, { auth: admin.auth })).status).toBe(204);
      expect((await call(base(), 'DELETE', `/sections/${parent.id}`, { auth: admin.auth })).status).toBe(204);
    });
  });

  describe('authors', () => {
    it('lets editors manage byline profiles, optionally linked to a user; several per article in order', async () => {
      expect((await call(base(), 'POST', '/authors', { auth: reporter.auth, body: { name: 'Nobody' } })).status).toBe(403);
      const photo = await createImage(db.prisma);
      const created = await call(base(), 'POST', '/authors', {
        auth: editor.auth,
        body: {
          name: 'Jelena Petrović',
          bio: 'Balkans correspondent',
          photoMediaId: photo.id,
          links: [{ label: 'Web', url: 'https://example.com/jp' }],
          userId: reporter.id,
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        slug: 'jelena-petrovic',
        name: 'Jelena Petrović',
        bio: 'Balkans correspondent',
        photoMediaId: photo.id,
        links: [{ label: 'Web', url: 'https://example.com/jp' }],
        userId: reporter.id,
      });
      const second = await call(base(), 'POST', '/authors', { auth: editor.auth, body: { name: 'Ivan Ivanov', userId: reporter.id } });
      expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'conflict' });
      const audio = await db.prisma.mediaAsset.create({
        data: { kind: 'audio', mime: 'audio/mpeg', bytes: BigInt(10), sha256: 'a'.repeat(64), storageKey: 'aa/a' },
      });
      const notImage = await call(base(), 'POST', '/authors', { auth: editor.auth, body: { name: 'Ivan Ivanov', photoMediaId: audio.id } });
      expect(notImage.status).toBe(400);
      expect(notImage.body.errors).toEqual([{ path: 'photoMediaId', message: 'must be an image, not audio' }]);
      const ivan = await call(base(), 'POST', '/authors', { auth: editor.auth, body: { name: 'Иван Иванов' } });
      expect(ivan.body.slug).toBe('ivan-ivanov');
      const renamed = await call(base(), 'PATCH', `/authors/${ivan.body.id}`, { auth: editor.auth, body: { name: 'Ivan Ivanov', bio: 'Moscow' } });
      expect(renamed.body).toMatchObject({ name: 'Ivan Ivanov', bio: 'Moscow', slug: 'ivan-ivanov' });

      // The linked user's new drafts carry their byline; several authors keep their order.
      const own = await draft(reporter);
      expect(own.authorIds).toEqual([created.body.id]);
      const shared = await draft(editor, { authorIds: [ivan.body.id, created.body.id] });
      expect(shared.authorIds).toEqual([ivan.body.id, created.body.id]);
      const listed = await call(base(), 'GET', '/authors?limit=1', { auth: reporter.auth });
      expect(listed.body.data).toHaveLength(1);
      expect(listed.body.nextCursor).toEqual(expect.any(String));
    });
  });

  describe('locales', () => {
    it('lists the configured editions, right-to-left flagged, and keeps exactly one default', async () => {
      const listed = await call(base(), 'GET', '/locales', { auth: reporter.auth });
      expect(listed.body.data.map((l: { code: string }) => l.code)).toEqual(['en', 'ar', 'es', 'ru', 'de', 'fr', 'sr']);
      expect(listed.body.data.find((l: { code: string }) => l.code === 'ar')).toMatchObject({ rtl: true, nativeName: 'العربية' });
      expect((await call(base(), 'POST', '/locales', { auth: editor.auth, body: { code: 'uk', name: 'Ukrainian', nativeName: 'Українська' } })).status).toBe(
        403,
      );

      const bad = await call(base(), 'POST', '/locales', {
        auth: admin.auth,
        body: { code: 'uk', name: 'Ukrainian', nativeName: 'Українська', searchConfig: 'klingon' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ path: 'searchConfig', message: expect.stringContaining('russian') });
      const uk = await call(base(), 'POST', '/locales', {
        auth: admin.auth,
        body: { code: 'uk', name: 'Ukrainian', nativeName: 'Українська', searchConfig: 'simple' },
      });
      expect(uk.status).toBe(201);
      expect(uk.body).toMatchObject({ code: 'uk', isDefault: false, rtl: false, position: 7 });
      expect((await call(base(), 'POST', '/locales', { auth: admin.auth, body: { code: 'uk', name: 'U', nativeName: 'U' } })).status).toBe(409);
      expect((await call(base(), 'POST', '/locales', { auth: admin.auth, body: { code: 'Not a code', name: 'U', nativeName: 'U' } })).status).toBe(400);

      const fr = await call(base(), 'PATCH', '/locales/fr', { auth: admin.auth, body: { isDefault: true } });
      expect(fr.body.isDefault).toBe(true);
      expect(await db.prisma.locale.findMany({ where: { isDefault: true }, select: { code: true } })).toEqual([{ code: 'fr' }]);
      const unset = await call(base(), 'PATCH', '/locales/fr', { auth: admin.auth, body: { isDefault: false } });
      expect(unset.status).toBe(400);
      await call(base(), 'PATCH', '/locales/en', { auth: admin.auth, body: { isDefault: true } });
      expect(await db.prisma.locale.findMany({ where: { isDefault: true }, select: { code: true } })).toEqual([{ code: 'en' }]);
      expect((await call(base(), 'PATCH', '/locales/sr', { auth: admin.auth, body: { searchConfig: 'russian' } })).body.searchConfig).toBe('russian');
      expect((await call(base(), 'PATCH', '/locales/zz', { auth: admin.auth, body: { rtl: true } })).status).toBe(404);
    });
  });

  it('walks every list page by page in its order, filters kept on every page, no row twice', async () => {
    /** Every item of a list, two at a time, following nextCursor. */
    const walk = async (path: string) => {
      const items: { id: string; slug: string; position?: number }[] = [];
      for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
        const page = await call(base(), 'GET', `${path}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { auth: admin.auth });
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        items.push(...page.body.data);
        cursor = page.body.nextCursor;
      }
      return items;
    };
    for (const name of ['Paged Echo', 'Paged Alpha', 'Paged Delta', 'Unrelated', 'Paged Charlie', 'Paged Bravo']) {
      await call(base(), 'POST', '/tags', { auth: admin.auth, body: { name } });
      await call(base(), 'POST', '/authors', { auth: admin.auth, body: { name } });
    }
    const paged = ['paged-alpha', 'paged-bravo', 'paged-charlie', 'paged-delta', 'paged-echo'];
    expect((await walk('/tags?q=PAGED')).map((t) => t.slug)).toEqual(paged);
    expect((await walk('/authors?q=paged')).map((a) => a.slug)).toEqual(paged);

    // Siblings that share a position are ordered by id, and the cursor steps between them.
    const parent = await call(base(), 'POST', '/sections', { auth: admin.auth, body: { name: 'Paged Parent' } });
    for (const [index, position] of [2, 0, 1, 0, 1].entries()) {
      await call(base(), 'POST', '/sections', { auth: admin.auth, body: { name: `Paged Child ${index}`, parentId: parent.body.id, position } });
    }
    const children = await walk(`/sections?parentId=${parent.body.id}`);
    const expected = (await db.prisma.section.findMany({ where: { parentId: parent.body.id }, orderBy: [{ position: 'asc' }, { id: 'asc' }] })).map(
      (s) => s.id,
    );
    expect(children.map((s) => s.id)).toEqual(expected);
    expect(children.map((s) => s.position)).toEqual([0, 0, 1, 1, 2]);
    expect((await walk('/sections?parentId=root')).map((s) => s.slug)).toContain('paged-parent');
  });

  it('declares the nullable ids of its request bodies as uuid or null in the admin document (they were {type: object})', async () => {
    const schemas = (await call(api.url, 'GET', '/admin/docs/openapi.json')).body.components.schemas;
    const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
    expect(schemas.CreateSectionDto.properties.parentId).toMatchObject(nullableUuid);
    expect(schemas.UpdateSectionDto.properties.parentId).toMatchObject(nullableUuid);
    for (const dto of ['CreateAuthorDto', 'UpdateAuthorDto']) {
      expect(schemas[dto].properties.photoMediaId).toMatchObject(nullableUuid);
      expect(schemas[dto].properties.userId).toMatchObject(nullableUuid);
    }
  });
});
