import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { startAdminApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('language editions', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let editor: TestUser;
  let reporter: TestUser;
  let otherReporter: TestUser;
  let sectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    editor = await createUser(db.prisma, 'editor');
    reporter = await createUser(db.prisma, 'contributor');
    otherReporter = await createUser(db.prisma, 'contributor');
    sectionId = (await createSection(db.prisma, { slug: 'world-news', name: 'World News' })).id;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;
  const { draft, transition } = newsroom(base, () => sectionId);
  const editions = (id: string, who: TestUser = editor) => call(base(), 'GET', `/articles/${id}/translations`, { auth: who.auth });
  const link = (id: string, articleId: string, who: TestUser = editor) =>
    call(base(), 'POST', `/articles/${id}/translations`, { auth: who.auth, body: { articleId } });
  const live = (id: string) => db.prisma.publishedArticle.findUnique({ where: { articleId: id } });

  it('links the Kosovo story with its Russian edition; each publishes on its own and lists the other', async () => {
    const en = await draft(editor, { headline: 'NATO reinforces presence in Kosovo' });
    const ru = await draft(editor, { locale: 'ru', headline: 'НАТО усиливает присутствие в Косово' });
    expect(ru.slug).toBe('nato-usilivaet-prisutstvie-v-kosovo');
    expect(ru.translationGroupId).not.toBe(en.translationGroupId);

    const linked = await link(en.id, ru.id);
    expect(linked.status).toBe(200);
    expect(linked.body.data).toEqual([{ id: ru.id, locale: 'ru', slug: ru.slug, headline: ru.headline, status: 'draft', live: false }]);
    expect((await editions(ru.id)).body.data).toEqual([expect.objectContaining({ id: en.id, locale: 'en' })]);
    // Linking again changes nothing.
    expect((await link(ru.id, en.id)).status).toBe(200);

    // Each edition runs its own workflow: English goes live first, Russian later.
    await transition(editor, en.id, { action: 'publish' });
    expect(await live(ru.id)).toBeNull();
    expect((await editions(en.id)).body.data[0]).toMatchObject({ locale: 'ru', status: 'draft', live: false });
    await transition(editor, ru.id, { action: 'publish' });
    const [enLive, ruLive] = [await live(en.id), await live(ru.id)];
    // Delivery lists live translations by the group in the snapshots.
    expect(enLive!.translationGroupId).toBe(ruLive!.translationGroupId);
    expect(enLive!.locale).toBe('en');
    expect(ruLive!.locale).toBe('ru');
    expect((await editions(en.id)).body.data[0]).toMatchObject({ locale: 'ru', status: 'published', live: true });

    // One edition per language: a second Russian article cannot join.
    const ru2 = await draft(editor, { locale: 'ru', headline: 'Ещё одна версия' });
    const clash = await link(en.id, ru2.id);
    expect({ status: clash.status, code: clash.body.code }).toEqual({ status: 409, code: 'conflict' });
    expect((await link(en.id, en.id)).status).toBe(400);

    // Unlinking moves the edition to a story of its own, on the live site too.
    expect((await call(base(), 'DELETE', `/articles/${en.id}/translations/${ru.id}`, { auth: editor.auth })).status).toBe(204);
    expect((await editions(en.id)).body.data).toEqual([]);
    const ruAfter = await db.prisma.article.findUniqueOrThrow({ where: { id: ru.id } });
    expect(ruAfter.translationGroupId).not.toBe(en.translationGroupId);
    expect((await live(ru.id))!.translationGroupId).toBe(ruAfter.translationGroupId);
    expect(((await live(ru.id))!.document as { translationGroupId: string }).translationGroupId).toBe(ruAfter.translationGroupId);
    expect((await call(base(), 'DELETE', `/articles/${en.id}/translations/${ru.id}`, { auth: editor.auth })).status).toBe(404);

    // Relinking a live edition rewrites its snapshot's group.
    expect((await link(en.id, ru.id)).status).toBe(200);
    expect((await live(ru.id))!.translationGroupId).toBe(en.translationGroupId);
    expect(await db.prisma.auditEvent.count({ where: { action: { in: ['article.translation_linked', 'article.translation_unlinked'] } } })).toBe(3);
  });

  it('merges whole stories when linking, and allows the same slug in two languages', async () => {
    const en = await draft(editor, { headline: 'Serbia invokes UN resolution', slug: 'serbia-un-resolution' });
    const sr = await draft(editor, { locale: 'sr', headline: 'Srbija se poziva na rezoluciju UN', slug: 'serbia-un-resolution' });
    expect(sr.slug).toBe(en.slug);
    const de = await draft(editor, { locale: 'de', headline: 'Serbien beruft sich auf UN-Resolution', translationOf: sr.id });
    expect((await link(en.id, sr.id)).status).toBe(200);
    expect((await editions(en.id)).body.data.map((e: { locale: string }) => e.locale)).toEqual(['de', 'sr']);
    expect((await editions(de.id)).body.data.map((e: { locale: string }) => e.locale)).toEqual(['en', 'sr']);
  });

  it('lets contributors link only their own articles', async () => {
    const mine = await draft(reporter);
    const theirs = await draft(otherReporter, { locale: 'es', headline: 'Historia' });
    expect((await link(mine.id, theirs.id, reporter)).status).toBe(403);
    expect((await editions(theirs.id, reporter)).status).toBe(403);
    const alsoMine = await draft(reporter, { locale: 'fr', headline: 'Histoire' });
    expect((await link(mine.id, alsoMine.id, reporter)).status).toBe(200);
    expect((await link('00000000-0000-4000-8000-000000000000', mine.id)).status).toBe(404);
  });
});
