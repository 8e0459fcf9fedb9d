import { call, createImage, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Leaks of access an attacker found: live photos changed by contributors,
 * other people's drafts read through media usage and translations, API
 * tokens outliving their creator, preview links that could not be revoked.
 */
describe('access leaks', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let chief: TestUser;
  let editor: TestUser;
  let reporter: TestUser;
  let rival: TestUser;
  let sectionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url);
    chief = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    reporter = await createUser(db.prisma, 'contributor');
    rival = await createUser(db.prisma, 'contributor');
    sectionId = (await createSection(db.prisma, { slug: 'world-news', name: 'World News' })).id;
  });
  afterAll(async () => {
    await admin?.close();
    await delivery?.close();
    await db?.drop();
  });

  const base = () => `${admin.url}/admin/v1`;
  const { draft, transition, published, edit } = newsroom(base, () => sectionId);
  const uploadedBy = async (who: TestUser, overrides: Parameters<typeof createImage>[1] = {}) => {
    const { id } = await createImage(db.prisma, overrides);
    await db.prisma.mediaAsset.update({ where: { id }, data: { createdById: who.id } });
    return id;
  };
  const openapi = async () => (await call(admin.url, 'GET', '/admin/docs/openapi.json')).body;

  describe('media a live story uses', () => {
    it('refuses a contributor who uncredits or expires their own photo once a live story leads with it; nothing changes', async () => {
      const photo = await uploadedBy(reporter);
      const story = await published(editor, { headline: 'NATO reinforces presence in Kosovo', leadMediaId: photo });
      expect(story.status).toBe('published');
      const before = await db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: photo } });

      for (const body of [{ credit: '', creator: '' }, { rightsExpireAt: new Date(Date.now() - 60_000).toISOString() }, { caption: 'Changed' }]) {
        const refused = await call(base(), 'PATCH', `/media/${photo}`, { auth: reporter.auth, body });
        expect({ body, status: refused.status, code: refused.body.code }).toEqual({ body, status: 403, code: 'forbidden' });
      }
      expect(await db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: photo } })).toEqual(before);
      expect(await db.prisma.auditEvent.count({ where: { action: 'media.updated', entityId: photo } })).toBe(0);
    });

    it('lets a contributor edit only their own uploads that no live story uses', async () => {
      const mine = await uploadedBy(reporter, { credit: '', creator: '' });
      const theirs = await uploadedBy(rival, { credit: '', creator: '' });
      // Used by a draft only: still theirs to fix.
      await draft(reporter, { leadMediaId: mine });
      const own = await call(base(), 'PATCH', `/media/${mine}`, { auth: reporter.auth, body: { credit: 'Handout' } });
      expect({ status: own.status, credit: own.body.credit }).toEqual({ status: 200, credit: 'Handout' });
      const other = await call(base(), 'PATCH', `/media/${theirs}`, { auth: reporter.auth, body: { credit: 'Mine now' } });
      expect({ status: other.status, code: other.body.code }).toEqual({ status: 403, code: 'forbidden' });
      expect((await db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: theirs } })).credit).toBe('');
    });

    it('lets an editor change a live photo, audited with the fields, their old and new values, and the live stories', async () => {
      const photo = await uploadedBy(reporter);
      const story = await published(editor, { leadMediaId: photo });
      const changed = await call(base(), 'PATCH', `/media/${photo}`, {
        auth: editor.auth,
        body: { credit: 'Reuters', caption: 'A checkpoint near Leposavic' },
      });
      expect(changed.status).toBe(200);
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'media.updated', entityId: photo } });
      expect(audit.actorId).toBe(editor.id);
      expect(audit.data).toEqual({
        fields: ['caption', 'credit'],
        changes: { caption: { from: 'A checkpoint', to: 'A checkpoint near Leposavic' }, credit: { from: 'AP Photo', to: 'Reuters' } },
        liveArticleIds: [story.id],
      });
    });
  });

  describe("other people's drafts", () => {
    it('lists in media usage only the contributor’s own articles and live ones, with the live headline', async () => {
      const photo = await uploadedBy(editor);
      const secret = await draft(rival, { headline: 'Secret: minister to resign', leadMediaId: photo });
      const mine = await draft(reporter, { headline: 'My harbour story', leadMediaId: photo });
      const live = await published(editor, { headline: 'Harbour reopens', leadMediaId: photo });
      // An unpublished edit of the live story is a draft too.
      expect((await edit(editor, live.id, { headline: 'Harbour reopens after minister resigns' })).status).toBe(200);

      const seen = await call(base(), 'GET', `/media/${photo}/usage`, { auth: reporter.auth });
      expect(seen.status).toBe(200);
      expect(JSON.stringify(seen.body)).not.toMatch(/minister/i);
      expect(seen.body.data.map((user: { id: string }) => user.id).sort()).toEqual([mine.id, live.id].sort());
      expect(seen.body.data).toContainEqual(expect.objectContaining({ id: live.id, headline: 'Harbour reopens', live: true }));

      const all = await call(base(), 'GET', `/media/${photo}/usage`, { auth: editor.auth });
      expect(all.body.data.map((user: { id: string }) => user.id).sort()).toEqual([secret.id, mine.id, live.id].sort());
    });

    it('refuses translationOf an article the contributor cannot edit, so the real translator keeps the language', async () => {
      const theirs = await draft(rival, { headline: 'Rival scoop' });
      const refused = await call(base(), 'POST', '/articles', {
        auth: reporter.auth,
        body: { headline: 'Приманка', locale: 'ru', sectionId, translationOf: theirs.id },
      });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'forbidden' });
      const liveStory = await published(editor, { headline: 'Editor story' });
      const alsoRefused = await call(base(), 'POST', '/articles', { auth: reporter.auth, body: { locale: 'ru', translationOf: liveStory.id } });
      expect(alsoRefused.status).toBe(403);

      // The owner's own translation takes the Russian slot.
      const real = await call(base(), 'POST', '/articles', {
        auth: rival.auth,
        body: { headline: 'Соперник', locale: 'ru', sectionId, translationOf: theirs.id },
      });
      expect(real.status).toBe(201);
      expect(real.body.translationGroupId).toBe(theirs.translationGroupId);
      // Editors translate anything.
      const editors = await call(base(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'Rivale', locale: 'de', translationOf: theirs.id } });
      expect(editors.status).toBe(201);
    });

    it('lists as translations only the contributor’s own editions and live ones', async () => {
      const mine = await draft(reporter, { headline: 'Kotor harbour' });
      const ruDraft = await draft(editor, { locale: 'ru', headline: 'Черновик: министр уходит' });
      const de = await published(editor, { locale: 'de', headline: 'Hafen von Kotor' });
      for (const other of [ruDraft.id, de.id]) {
        expect((await call(base(), 'POST', `/articles/${mine.id}/translations`, { auth: editor.auth, body: { articleId: other } })).status).toBe(200);
      }
      const seen = await call(base(), 'GET', `/articles/${mine.id}/translations`, { auth: reporter.auth });
      expect(seen.status).toBe(200);
      expect(seen.body.data).toEqual([expect.objectContaining({ id: de.id, locale: 'de', headline: 'Hafen von Kotor', live: true })]);
      const all = await call(base(), 'GET', `/articles/${mine.id}/translations`, { auth: editor.auth });
      expect(all.body.data.map((e: { locale: string }) => e.locale)).toEqual(['de', 'ru']);
    });
  });

  describe('API tokens', () => {
    it('stop working (401) once the admin who created them is disabled, and cannot re-enable that admin', async () => {
      const rogue = await createUser(db.prisma, 'admin');
      const created = await call(base(), 'POST', '/api-tokens', { auth: rogue.auth, body: { name: 'backdoor', role: 'admin' } });
      expect(created.status).toBe(201);
      const token = { authorization: `Bearer ${created.body.token}` };
      expect((await call(base(), 'GET', '/users', { auth: token })).status).toBe(200);

      expect((await call(base(), 'PATCH', `/users/${rogue.id}`, { auth: chief.auth, body: { disabled: true } })).status).toBe(200);
      const read = await call(base(), 'GET', '/users', { auth: token });
      expect({ status: read.status, code: read.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
      const reenable = await call(base(), 'PATCH', `/users/${rogue.id}`, { auth: token, body: { disabled: false } });
      expect(reenable.status).toBe(401);
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: rogue.id } })).disabled).toBe(true);
    });

    it('say so in the OpenAPI description', async () => {
      const doc = await openapi();
      expect(doc.paths['/admin/v1/api-tokens'].post.description).toMatch(/disabled/);
    });
  });

  describe('preview tokens', () => {
    const preview = (id: string, token: string) => fetch(`${delivery.url}/content/v1/preview/articles/${id}?token=${encodeURIComponent(token)}`);
    const issue = async (who: TestUser, id: string) => {
      const issued = await call(base(), 'POST', `/articles/${id}/preview-token`, { auth: who.auth });
      expect(issued.status).toBe(201);
      return issued.body.token as string;
    };

    it('die when their article is archived', async () => {
      const story = await draft(editor);
      const token = await issue(editor, story.id);
      expect((await preview(story.id, token)).status).toBe(200);
      await transition(editor, story.id, { action: 'archive' });
      expect((await preview(story.id, token)).status).toBe(403);
    });

    it('die when their article is unpublished, and when it is restored to draft', async () => {
      const story = await published(editor);
      const token = await issue(editor, story.id);
      expect((await preview(story.id, token)).status).toBe(200);
      await transition(editor, story.id, { action: 'unpublish', reason: 'Legal' });
      expect((await preview(story.id, token)).status).toBe(403);
      const again = await issue(editor, story.id);
      expect((await preview(story.id, again)).status).toBe(200);
      await transition(editor, story.id, { action: 'restore' });
      expect((await preview(story.id, again)).status).toBe(403);
    });

    it('die when their issuer is disabled', async () => {
      const stringer = await createUser(db.prisma, 'contributor');
      const story = await draft(stringer);
      const token = await issue(stringer, story.id);
      const editorsToken = await issue(editor, story.id);
      expect((await preview(story.id, token)).status).toBe(200);
      expect((await call(base(), 'PATCH', `/users/${stringer.id}`, { auth: chief.auth, body: { disabled: true } })).status).toBe(200);
      expect((await preview(story.id, token)).status).toBe(403);
      expect((await preview(story.id, editorsToken)).status).toBe(200);
    });

    it('can all be revoked for one article by an admin; other articles keep theirs, new ones work', async () => {
      const story = await draft(reporter);
      const other = await draft(reporter);
      const token = await issue(reporter, story.id);
      const otherToken = await issue(reporter, other.id);
      expect((await call(base(), 'DELETE', `/articles/${story.id}/preview-tokens`, { auth: reporter.auth })).status).toBe(403);
      expect((await preview(story.id, token)).status).toBe(200);

      const revoked = await call(base(), 'DELETE', `/articles/${story.id}/preview-tokens`, { auth: chief.auth });
      expect(revoked.status).toBe(204);
      expect((await preview(story.id, token)).status).toBe(403);
      expect((await preview(other.id, otherToken)).status).toBe(200);
      expect((await preview(story.id, await issue(reporter, story.id))).status).toBe(200);
      expect(await db.prisma.auditEvent.count({ where: { action: 'article.previews_revoked', entityId: story.id, actorId: chief.id } })).toBe(1);
      expect((await call(base(), 'DELETE', '/articles/00000000-0000-4000-8000-000000000000/preview-tokens', { auth: chief.auth })).status).toBe(404);
    });

    it('document their revocation in OpenAPI', async () => {
      const doc = await openapi();
      const route = doc.paths['/admin/v1/articles/{id}/preview-tokens'];
      expect(route?.delete?.responses?.['204']).toBeDefined();
      expect(`${route.delete.summary} ${route.delete.description}`).toMatch(/archive/i);
    });
  });
});
