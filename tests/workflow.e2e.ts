import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../apps/worker/src/worker.app.js';
import { call, createImage, createSection, createTag, createUser, type TestUser } from './support/factories.js';
import { eventually } from './support/processes.js';
import { startAdminApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('editorial workflow', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let admin: TestUser;
  let editor: TestUser;
  let reporter: TestUser;
  let otherReporter: TestUser;
  let sectionId: string;
  let tagId: string;
  let photoId: string;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    admin = await createUser(db.prisma, 'admin');
    editor = await createUser(db.prisma, 'editor');
    reporter = await createUser(db.prisma, 'contributor');
    otherReporter = await createUser(db.prisma, 'contributor');
    sectionId = (await createSection(db.prisma, { slug: 'world-news', name: 'World News' })).id;
    tagId = (await createTag(db.prisma, { slug: 'nato', name: 'NATO' })).id;
    photoId = (await createImage(db.prisma)).id;
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;
  const get = (id: string, who: TestUser) => call(base(), 'GET', `/articles/${id}`, { auth: who.auth });
  const patch = (id: string, who: TestUser, version: number, body: unknown) =>
    call(base(), 'PATCH', `/articles/${id}`, { auth: who.auth, body, headers: { 'if-match': `"${version}"` } });
  const move = (id: string, who: TestUser, version: number, body: Record<string, unknown>) =>
    call(base(), 'POST', `/articles/${id}/transitions`, { auth: who.auth, body, headers: { 'if-match': `"${version}"` } });
  const snapshot = (id: string) => db.prisma.publishedArticle.findUnique({ where: { articleId: id } });

  async function startWorker(): Promise<INestApplicationContext> {
    const worker = await createWorker(await testConfig(db.url, { WORKER_POLL_MS: '100' }), db.url);
    workers.push(worker);
    return worker;
  }

  async function draft(who: TestUser, fields: Record<string, unknown> = {}) {
    const created = await call(base(), 'POST', '/articles', {
      auth: who.auth,
      body: {
        headline: `Story ${Math.random().toString(36).slice(2)}`,
        standfirst: 'A standfirst',
        sectionId,
        body: [{ type: 'paragraph', text: 'Text.' }],
        ...fields,
      },
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  /**
   * Sends a request that must be refused and asserts it left the article row exactly as it was.
   * It takes the request as a function so the "before" row is read before the request runs.
   */
  async function expectRefused(id: string, request: () => Promise<{ status: number; body: { code: string } }>, status: number, code: string) {
    const before = await db.prisma.article.findUniqueOrThrow({ where: { id } });
    const response = await request();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(await db.prisma.article.findUniqueOrThrow({ where: { id } })).toEqual(before);
  }

  it('runs the whole newsroom story, with every forbidden move refused and nothing changed', async () => {
    // A contributor drafts a story with a credited photo.
    let article = await draft(reporter, {
      headline: 'NATO reinforces presence in Kosovo',
      leadMediaId: photoId,
      tagIds: [tagId],
      body: [
        { type: 'paragraph', text: 'The KFOR peacekeeping force sets up additional patrols.' },
        { type: 'image', mediaId: photoId, caption: 'A checkpoint near Leposavic' },
      ],
    });
    expect(article).toMatchObject({
      slug: 'nato-reinforces-presence-in-kosovo',
      status: 'draft',
      version: 1,
      currentRevision: 1,
      live: null,
      createdBy: reporter.id,
    });
    const id: string = article.id;

    // The contributor may not publish, approve or schedule; others may not touch it.
    await expectRefused(id, () => move(id, reporter, 1, { action: 'publish' }), 403, 'forbidden');
    await expectRefused(id, () => move(id, reporter, 1, { action: 'approve' }), 403, 'forbidden');
    await expectRefused(id, () => patch(id, otherReporter, 1, { headline: 'Hijacked' }), 403, 'forbidden');
    expect((await get(id, otherReporter)).status).toBe(403);

    // Submit → in review; the contributor can no longer edit it.
    article = (await move(id, reporter, 1, { action: 'submit' })).body;
    expect(article.status).toBe('in_review');
    await expectRefused(id, () => patch(id, reporter, article.version, { headline: 'Sneaky edit' }), 403, 'forbidden');
    await expectRefused(id, () => move(id, reporter, article.version, { action: 'request_changes', comment: 'x' }), 403, 'forbidden');

    // The editor requests changes: a comment is required.
    await expectRefused(id, () => move(id, editor, article.version, { action: 'request_changes' }), 400, 'validation_failed');
    article = (await move(id, editor, article.version, { action: 'request_changes', comment: 'Add the KFOR statement.' })).body;
    expect(article.status).toBe('draft');
    const comments = await call(base(), 'GET', `/articles/${id}/comments`, { auth: reporter.auth });
    expect(comments.body.data).toEqual([expect.objectContaining({ kind: 'request_changes', body: 'Add the KFOR statement.', authorId: editor.id })]);

    // The contributor revises and resubmits.
    const revised = await patch(id, reporter, article.version, {
      standfirst: 'The KFOR peacekeeping force sets up additional patrols in the north of the region',
    });
    expect(revised.status).toBe(200);
    expect(revised.headers.get('etag')).toBe(`"${revised.body.version}"`);
    expect(revised.body.currentRevision).toBe(2);
    article = (await move(id, reporter, revised.body.version, { action: 'submit', comment: 'Done.' })).body;

    // The editor approves and schedules two seconds ahead; a worker publishes it on time.
    article = (await move(id, editor, article.version, { action: 'approve' })).body;
    expect(article.status).toBe('approved');
    await expectRefused(
      id,
      () => move(id, editor, article.version, { action: 'schedule', publishAt: new Date(Date.now() - 60_000).toISOString() }),
      422,
      'publish_precondition_failed',
    );
    const publishAt = new Date(Date.now() + 2000);
    article = (await move(id, editor, article.version, { action: 'schedule', publishAt: publishAt.toISOString() })).body;
    expect(article.status).toBe('scheduled');
    expect(await snapshot(id)).toBeNull();
    await startWorker();
    const live = await eventually(
      async () => {
        const row = await snapshot(id);
        if (!row) throw new Error('not live yet');
        return row;
      },
      15_000,
      100,
    );
    expect(Date.now() - publishAt.getTime()).toBeLessThan(5000);
    article = (await get(id, editor)).body;
    expect(article).toMatchObject({ status: 'published', live: { revision: 2 }, hasUnpublishedChanges: false });
    expect(live).toMatchObject({
      revision: 2,
      headline: 'NATO reinforces presence in Kosovo',
      slug: 'nato-reinforces-presence-in-kosovo',
      sectionIds: [sectionId],
      tagIds: [tagId],
    });

    // The editor edits the live story: the site keeps the live revision until republished.
    const edited = await patch(id, editor, article.version, { headline: 'NATO reinforces presence in northern Kosovo' });
    expect(edited.body).toMatchObject({ status: 'draft', hasUnpublishedChanges: true, live: { revision: 2 }, currentRevision: 3 });
    expect((await snapshot(id))!.headline).toBe('NATO reinforces presence in Kosovo');
    await expectRefused(id, () => move(id, reporter, edited.body.version, { action: 'publish' }), 403, 'forbidden');
    article = (
      await move(id, editor, edited.body.version, {
        action: 'publish',
        correction: { text: 'An earlier version misnamed the region.' },
        significantUpdate: true,
      })
    ).body;
    expect(article).toMatchObject({ status: 'published', live: { revision: 3 }, hasUnpublishedChanges: false });
    const republished = (await snapshot(id))!;
    expect(republished.headline).toBe('NATO reinforces presence in northern Kosovo');
    expect((republished.document as { corrections: { text: string }[] }).corrections).toEqual([
      expect.objectContaining({ text: 'An earlier version misnamed the region.' }),
    ]);
    expect(republished.updatedAt.getTime()).toBeGreaterThan(republished.publishedAt.getTime());

    // Unpublish needs a reason; a contributor cannot.
    await expectRefused(id, () => move(id, reporter, article.version, { action: 'unpublish', reason: 'x' }), 403, 'forbidden');
    await expectRefused(id, () => move(id, editor, article.version, { action: 'unpublish' }), 400, 'validation_failed');
    article = (await move(id, editor, article.version, { action: 'unpublish', reason: 'Legal hold' })).body;
    expect(article).toMatchObject({ status: 'unpublished', live: null });
    expect(await snapshot(id)).toBeNull();
    await expectRefused(id, () => move(id, editor, article.version, { action: 'unpublish', reason: 'again' }), 409, 'invalid_transition');

    // The audit log (and the article history) show each step with its actor.
    const history = await call(base(), 'GET', `/articles/${id}/history`, { auth: editor.auth });
    const steps = history.body.data.map(
      (event: { action: string; actorId: string | null }) =>
        `${event.action}:${event.actorId === null ? 'system' : event.actorId === reporter.id ? 'reporter' : 'editor'}`,
    );
    expect(steps).toEqual([
      'article.created:reporter',
      'article.submit:reporter',
      'article.request_changes:editor',
      'article.edited:reporter',
      'article.submit:reporter',
      'article.approve:editor',
      'article.scheduled:editor',
      'article.published:system',
      'article.edited:editor',
      'article.republished:editor',
      'article.unpublished:editor',
    ]);
    const audit = await call(base(), 'GET', `/audit?entityId=${id}&limit=100`, { auth: admin.auth });
    expect(audit.body.data).toHaveLength(steps.length);
    const events = await db.prisma.outboxEvent.findMany({ where: { data: { path: ['article', 'id'], equals: id } }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['article.scheduled', 'article.published', 'article.updated', 'article.unpublished']);
    expect(events[1]!.data).toMatchObject({
      surrogateKeys: expect.arrayContaining([`article-${id}`, `section-${sectionId}`, `tag-${tagId}`]),
      urls: expect.any(Array),
    });
  }, 60_000);

  it('requires If-Match, refuses stale versions with the current one, and lets exactly one of a burst win', async () => {
    const article = await draft(editor);
    const noMatch = await call(base(), 'PATCH', `/articles/${article.id}`, { auth: editor.auth, body: { headline: 'x' } });
    expect(noMatch.status).toBe(428);
    expect(noMatch.body.code).toBe('precondition_required');
    expect((await call(base(), 'POST', `/articles/${article.id}/transitions`, { auth: editor.auth, body: { action: 'submit' } })).status).toBe(428);

    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => patch(article.id, editor, 1, { headline: `Writer ${i}` })));
    const winners = burst.filter((response) => response.status === 200);
    const losers = burst.filter((response) => response.status === 412);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(11);
    for (const loser of losers) expect(loser.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const stored = await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.headline).toBe(winners[0]!.body.headline);
    expect(await db.prisma.articleRevision.count({ where: { articleId: article.id } })).toBe(2);
  });

  it('lists each unmet publish precondition, and refuses an embargoed story', async () => {
    const uncredited = await createImage(db.prisma, { credit: '', creator: '' });
    const expired = await createImage(db.prisma, { rightsExpireAt: new Date(Date.now() - 1000) });
    const article = await draft(editor, {
      headline: 'Needs work',
      sectionId: null,
      leadMediaId: uncredited.id,
      body: [{ type: 'image', mediaId: expired.id }],
    });
    await patch(article.id, editor, 1, { headline: '' });
    const refused = await move(article.id, editor, 2, { action: 'publish' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('publish_precondition_failed');
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'headline', message: expect.any(String) },
        { path: 'sectionId', message: expect.any(String) },
        { path: 'leadMediaId', message: expect.stringMatching(/credit/) },
        { path: 'body[0].mediaId', message: expect.stringMatching(/rights/) },
      ]),
    );
    expect(await snapshot(article.id)).toBeNull();

    const embargoed = await draft(editor, { embargoUntil: new Date(Date.now() + 3600_000).toISOString() });
    const early = await move(embargoed.id, editor, 1, { action: 'publish' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('embargoed');
    expect(await snapshot(embargoed.id)).toBeNull();
  });

  it('rejects unknown block types and taken slugs; makes slugs for any script', async () => {
    const nullHeadline = await call(base(), 'POST', '/articles', { auth: editor.auth, body: { headline: null, tagIds: null } });
    expect(nullHeadline.status).toBe(400);
    expect([...new Set(nullHeadline.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual(['headline', 'tagIds']);
    const bad = await call(base(), 'POST', '/articles', { auth: editor.auth, body: { headline: 'x', body: [{ type: 'marquee', text: 'hi' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'body[0].type', message: expect.stringMatching(/unknown block type/) }]);

    const russian = await draft(editor, { headline: 'НАТО усиливает присутствие в Косово', locale: 'ru' });
    expect(russian.slug).toBe('nato-usilivaet-prisutstvie-v-kosovo');
    const arabic = await draft(editor, { headline: 'الناتو يعزز وجوده في كوسوفو', locale: 'ar' });
    expect(arabic.slug).toBe('الناتو-يعزز-وجوده-في-كوسوفو');
    const again = await draft(editor, { headline: 'НАТО усиливает присутствие в Косово', locale: 'ru' });
    expect(again.slug).toBe('nato-usilivaet-prisutstvie-v-kosovo-2');
    const sameSlugOtherLanguage = await draft(editor, { headline: 'x', slug: 'nato-usilivaet-prisutstvie-v-kosovo', locale: 'en' });
    expect(sameSlugOtherLanguage.slug).toBe('nato-usilivaet-prisutstvie-v-kosovo');
    const taken = await call(base(), 'POST', '/articles', {
      auth: editor.auth,
      body: { headline: 'x', slug: 'nato-usilivaet-prisutstvie-v-kosovo', locale: 'ru' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('slug_taken');
  });

  it('keeps immutable revisions that can be listed, viewed, compared and restored', async () => {
    const article = await draft(editor, { headline: 'First headline' });
    const v2 = await patch(article.id, editor, 1, { headline: 'Second headline', standfirst: 'New standfirst' });
    const v3 = await patch(article.id, editor, v2.body.version, { headline: 'Third headline' });
    const list = await call(base(), 'GET', `/articles/${article.id}/revisions`, { auth: editor.auth });
    expect(list.body.data.map((revision: { number: number }) => revision.number)).toEqual([3, 2, 1]);
    expect(list.body.data[1]).toMatchObject({ createdBy: editor.id, changedFields: ['headline', 'standfirst'] });
    const one = await call(base(), 'GET', `/articles/${article.id}/revisions/1`, { auth: editor.auth });
    expect(one.body.content.headline).toBe('First headline');
    const compare = await call(base(), 'GET', `/articles/${article.id}/revisions/compare?from=1&to=3`, { auth: editor.auth });
    expect(compare.body.changes).toEqual([
      { field: 'headline', from: 'First headline', to: 'Third headline' },
      { field: 'standfirst', from: 'A standfirst', to: 'New standfirst' },
    ]);
    const restored = await call(base(), 'POST', `/articles/${article.id}/revisions/1/restore`, {
      auth: editor.auth,
      headers: { 'if-match': `"${v3.body.version}"` },
    });
    expect(restored.body).toMatchObject({ headline: 'First headline', standfirst: 'A standfirst', currentRevision: 4 });
    const revision1 = await db.prisma.articleRevision.findUniqueOrThrow({ where: { articleId_number: { articleId: article.id, number: 1 } } });
    expect((revision1.content as { headline: string }).headline).toBe('First headline');
    expect((await call(base(), 'GET', `/articles/${article.id}/revisions/99`, { auth: editor.auth })).status).toBe(404);
  });

  it('shows contributors only their own articles', async () => {
    const mine = await draft(otherReporter);
    await draft(editor);
    const list = await call(base(), 'GET', '/articles?limit=100', { auth: otherReporter.auth });
    expect(list.body.data.map((row: { id: string }) => row.id)).toEqual([mine.id]);
    const editorView = await call(base(), 'GET', `/articles?limit=2`, { auth: editor.auth });
    expect(editorView.body.data).toHaveLength(2);
    const next = await call(base(), 'GET', `/articles?limit=2&cursor=${editorView.body.nextCursor}`, { auth: editor.auth });
    expect(next.body.data.map((row: { id: string }) => row.id)).not.toContain(editorView.body.data[0].id);
  });

  it('shows who holds the soft edit lock; editors can take it over', async () => {
    const article = await draft(reporter);
    const locked = await call(base(), 'POST', `/articles/${article.id}/lock`, { auth: reporter.auth, body: {} });
    expect(locked.body.lock).toMatchObject({ userId: reporter.id });
    const seen = await get(article.id, editor);
    expect(seen.body.lock).toMatchObject({ userId: reporter.id, expiresAt: expect.any(String) });
    const blocked = await call(base(), 'POST', `/articles/${article.id}/lock`, { auth: editor.auth, body: {} });
    expect(blocked.status).toBe(409);
    expect(blocked.body.lock.userId).toBe(reporter.id);
    const taken = await call(base(), 'POST', `/articles/${article.id}/lock`, { auth: editor.auth, body: { takeOver: true } });
    expect(taken.body.lock.userId).toBe(editor.id);
    expect((await call(base(), 'DELETE', `/articles/${article.id}/lock`, { auth: editor.auth })).status).toBe(204);
    expect((await get(article.id, editor)).body.lock).toBeNull();
  });

  it('publishes each due article exactly once with two workers, catching up on what fell due while none ran', async () => {
    for (const worker of workers.splice(0)) await worker.close();
    const scheduledIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const article = await draft(editor);
      await move(article.id, editor, 1, { action: 'submit' });
      await move(article.id, editor, 2, { action: 'approve' });
      const at = new Date(Date.now() + 1500);
      await move(article.id, editor, 3, { action: 'schedule', publishAt: at.toISOString() });
      scheduledIds.push(article.id);
    }
    await new Promise((resolve) => setTimeout(resolve, 1600)); // all due, no worker running
    await Promise.all([startWorker(), startWorker()]);
    await eventually(
      async () => {
        const live = await db.prisma.publishedArticle.count({ where: { articleId: { in: scheduledIds } } });
        if (live !== scheduledIds.length) throw new Error(`${live} live`);
      },
      15_000,
      100,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const id of scheduledIds) {
      expect(await db.prisma.auditEvent.count({ where: { entityId: id, action: 'article.published' } })).toBe(1);
      expect(await db.prisma.outboxEvent.count({ where: { type: 'article.published', data: { path: ['article', 'id'], equals: id } } })).toBe(1);
      expect(await db.prisma.contentChange.count({ where: { articleId: id, op: 'upsert' } })).toBe(1);
    }
  }, 60_000);

  it('takes an article off the site at its expireAt (the worker unpublishes it once)', async () => {
    if (workers.length === 0) await startWorker();
    const article = await draft(editor, { expireAt: new Date(Date.now() + 1500).toISOString() });
    expect((await move(article.id, editor, 1, { action: 'publish' })).status).toBe(200);
    expect(await snapshot(article.id)).not.toBeNull();
    await eventually(
      async () => {
        const row = await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
        if (row.status !== 'unpublished') throw new Error(row.status);
      },
      10_000,
      100,
    );
    expect(await snapshot(article.id)).toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { entityId: article.id, action: 'article.expired' } })).toBe(1);
    expect(await db.prisma.outboxEvent.count({ where: { type: 'article.unpublished', data: { path: ['article', 'id'], equals: article.id } } })).toBe(1);
  });
});
