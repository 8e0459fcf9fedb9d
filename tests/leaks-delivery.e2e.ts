import { XMLParser } from 'fast-xml-parser';
import { CONTENT_CHANNEL } from '#content';
import { NotificationService } from '#database';
import { ResponseCache } from '../apps/delivery-api/src/http/response-cache.js';
import { call, createImage, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { report, size } from './support/reliability.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const maxAgeOf = (headers: Headers) => Number(/max-age=(\d+)/.exec(headers.get('cache-control') ?? '')?.[1]);
const parser = new XMLParser({ ignoreAttributes: false });

/**
 * Leaks through delivery's caches: a response read before an unpublish kept
 * after it, cache keys an attacker can multiply, and content that stops
 * being true by itself (rights expiry, article expiry) kept past that time.
 */
describe('delivery leaks', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;
  let sectionId: string;
  const desk = newsroom(
    () => `${admin.url}/admin/v1`,
    () => sectionId,
  );

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    // Thousands of reads from one address in the race below: no rate limit.
    delivery = await startDeliveryApi(db.url, { DELIVERY_RATE_LIMIT: '0' });
    editor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma, { slug: 'leaks' })).id;
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => call(`${delivery.url}/content/v1`, 'GET', path, { headers });

  /** Resolves when this delivery instance has handled the content notice for `id` (its cache is cleared by then). */
  async function noticeWatcher() {
    const waiting = new Map<string, () => void>();
    const stop = await delivery.app.get(NotificationService).listen(CONTENT_CHANNEL, (payload) => {
      const id = (JSON.parse(payload) as { id?: string }).id;
      if (id) waiting.get(id)?.();
    });
    return {
      next(id: string): Promise<void> {
        return new Promise((resolve) => waiting.set(id, resolve));
      },
      stop,
    };
  }

  it('keys the response cache by the normalised path and query: %-spellings and reordered queries share one entry', async () => {
    const story = await desk.published(editor, { headline: 'Nato zone normalised' });
    expect(story.slug).toMatch(/^nato-zone/);
    const cache = delivery.app.get(ResponseCache);
    const encoded = `/articles/%6eato-%7Aone${story.slug.slice('nato-zone'.length)}`;
    expect((await get(`/articles/${story.slug}`)).status).toBe(200);
    const entries = cache.size;
    const hits = cache.hits;
    const again = await get(encoded);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(story.id);
    expect({ entries: cache.size, hits: cache.hits }).toEqual({ entries, hits: hits + 1 });

    expect((await get(`/articles/${story.slug}?locale=en&format=ninjs`)).status).toBe(200);
    const reordered = await get(`/articles/${story.slug}?format=ninjs&locale=%65n`);
    expect(reordered.body.uri).toBe(`urn:dispatch:article:${story.id}`);
    expect({ entries: cache.size, hits: cache.hits }).toEqual({ entries: entries + 1, hits: hits + 2 });
    // A reserved character stays escaped: %2F is not a slash, so it is another (missing) resource.
    expect((await get(`/articles/${story.slug.replace('-', '%2F')}`)).status).toBe(404);
  });

  it('never keeps a response read before an unpublish: 0 stale 200s once the unpublish is acknowledged and its notice arrived', async () => {
    const started = Date.now();
    const rounds = size(50, 200);
    const perRound = 10;
    const readerCount = 16;
    const watcher = await noticeWatcher();
    // Each racing page has a Read-more card, so composing it takes a second query after the article's own, as real pages do.
    const large = await desk.published(editor, {
      headline: 'A very long read',
      body: Array.from({ length: 150 }, (_, i) => ({ type: 'paragraph', text: `Paragraph ${i}: ${'long text '.repeat(18)}` })),
    });
    const stories = await Promise.all(
      Array.from({ length: perRound }, (_, i) =>
        desk.published(editor, {
          headline: `Racing story ${i}`,
          body: [
            { type: 'paragraph', text: 'Text.' },
            { type: 'related', articleId: large.id },
          ],
          relatedArticleIds: [large.id],
        }),
      ),
    );
    const ids = stories.map((story) => story.id as string);
    const spellings = stories.map((story) => [
      `/articles/${story.slug}`,
      `/articles/${story.slug}?format=ninjs`,
      `/articles/${story.slug}?locale=en`,
      `/articles/${story.slug}?format=ninjs&locale=en`,
      `/articles/%${(story.slug as string).charCodeAt(0).toString(16)}${(story.slug as string).slice(1)}`,
    ]);
    // Each race takes its stories down as delivery sees an unpublish: in one transaction the live row goes, the change is
    // logged and the notice is sent on commit (as Publisher.unpublish does, without the workflow and audit rows that
    // delivery never reads, which would make 500 races too slow for CI). The last rounds use the admin API's unpublish.
    await db.prisma.$executeRawUnsafe(`CREATE TABLE race_copy AS SELECT * FROM published_article WHERE article_id = ANY('{${ids.join(',')}}'::uuid[])`);
    const notify = `SELECT pg_notify('${CONTENT_CHANNEL}', json_build_object('kind', 'article', 'id', id)::text) FROM unnest($1::uuid[]) id`;
    const takeDown = (batch: string[]) =>
      db.prisma.$transaction([
        db.prisma.$executeRawUnsafe(
          `WITH gone AS (DELETE FROM published_article WHERE article_id = ANY($1::uuid[]) RETURNING article_id, locale, slug)
           INSERT INTO content_change (article_id, locale, slug, op) SELECT article_id, locale, slug, 'delete' FROM gone`,
          batch,
        ),
        db.prisma.$executeRawUnsafe(notify, batch),
      ]);
    const putBack = (batch: string[]) =>
      db.prisma.$transaction([
        db.prisma.$executeRawUnsafe('INSERT INTO published_article SELECT * FROM race_copy WHERE article_id = ANY($1::uuid[])', batch),
        db.prisma.$executeRawUnsafe(notify, batch),
      ]);
    const apiRounds = size(2, 5);
    const adminBase = `${admin.url}/admin/v1`;
    const versions = new Map(stories.map((story) => [story.id as string, story.version as number]));
    const transition = async (id: string, body: Record<string, unknown>) => {
      const moved = await call(adminBase, 'POST', `/articles/${id}/transitions`, { auth: editor.auth, body, headers: { 'if-match': `"${versions.get(id)}"` } });
      if (moved.status !== 200) throw new Error(`${String(body.action)}: ${moved.status} ${JSON.stringify(moved.body)}`);
      versions.set(id, moved.body.version);
    };

    // Two readers on the large article all along: every miss on it keeps the event loop busy while notices arrive.
    let running = true;
    const background = Array.from({ length: 2 }, async () => {
      while (running)
        await fetch(`${delivery.url}/content/v1/articles/${large.slug}${Math.random() < 0.5 ? '?format=ninjs' : ''}`).then((r) => r.arrayBuffer());
    });
    let races = 0;
    let requests = 0;
    let inFlightAtNotice = 0;
    const cache = delivery.app.get(ResponseCache);
    const before = { misses: cache.misses, discarded: cache.discarded };
    const staleSeen: string[] = [];
    async function race(batch: number[], takeDownBatch: () => Promise<unknown>, putBackBatch: () => Promise<unknown>): Promise<void> {
      let phase: 'before' | 'racing' | 'after' = 'before';
      let noticeAt = Infinity;
      const readers = Array.from({ length: readerCount }, async (_, r) => {
        for (let i = r, afterReads = 0; afterReads < 2; i++) {
          const startedIn = phase;
          const story = batch[i % batch.length]!;
          const path = spellings[story]![(i + r) % 5]!;
          const response = await fetch(`${delivery.url}/content/v1${path}`);
          await response.arrayBuffer();
          requests++;
          if (startedIn !== 'after' && Date.now() >= noticeAt) inFlightAtNotice++;
          if (startedIn !== 'after') continue;
          afterReads++;
          if (response.status === 200) staleSeen.push(`${path} ${response.headers.get('cache-control')}`);
        }
      });
      await sleep(Math.random() * 4);
      phase = 'racing';
      const noticed = Promise.all(batch.map((story) => watcher.next(ids[story]!)));
      await takeDownBatch();
      await noticed;
      noticeAt = Date.now();
      phase = 'after';
      await Promise.all(readers);
      // And one look at each story afterwards, a different spelling each race.
      const probes = await Promise.all(
        batch.map(async (story) => {
          const path = spellings[story]![races % 5]!;
          return { path, status: (await get(path)).status };
        }),
      );
      for (const probe of probes) if (probe.status === 200) staleSeen.push(`${probe.path} (probe)`);
      races += batch.length;
      const republished = Promise.all(batch.map((story) => watcher.next(ids[story]!)));
      await putBackBatch();
      await republished;
    }
    try {
      const all = ids.map((_, i) => i);
      for (let round = 0; round < rounds; round++)
        await race(
          all,
          () => takeDown(ids),
          () => putBack(ids),
        );
      for (let round = 0; round < apiRounds; round++) {
        await race(
          [0],
          () => transition(ids[0]!, { action: 'unpublish', reason: 'Race' }),
          async () => {
            await transition(ids[0]!, { action: 'restore' });
            await transition(ids[0]!, { action: 'publish' });
          },
        );
      }
    } finally {
      running = false;
      await Promise.all(background);
      watcher.stop();
    }
    const stale = staleSeen.length;
    // discarded: misses that began before a notice and were sent after it, so not kept — each one a race the fix decided.
    report('unpublish-race', {
      races,
      stale,
      readerRequests: requests,
      inFlightAtNotice,
      misses: cache.misses - before.misses,
      discarded: cache.discarded - before.discarded,
      ms: Date.now() - started,
    });
    expect(races).toBeGreaterThanOrEqual(500);
    expect({ stale, staleSeen: staleSeen.slice(0, 5) }).toEqual({ stale: 0, staleSeen: [] });
  }, 120_000);

  it('bounds every response by the rights expiry of each image it embeds: Read-more card images and author photos too', async () => {
    const photo = await createImage(db.prisma, { credit: 'Reuters', caption: 'Expiring photo' });
    const created = await call(`${admin.url}/admin/v1`, 'POST', '/authors', { auth: editor.auth, body: { name: 'Pat Photographed' } });
    expect(created.status).toBe(201);
    // The photo is added by an update, which (unlike creation) sends the taxonomy notice delivery needs to see the author.
    const watcher = await noticeWatcher();
    const noticed = watcher.next(created.body.id);
    const author = (await call(`${admin.url}/admin/v1`, 'PATCH', `/authors/${created.body.id}`, { auth: editor.auth, body: { photoMediaId: photo.id } }))
      .body as { slug: string };
    await noticed;
    watcher.stop();
    const related = await desk.published(editor, { headline: 'The story that leads with the photo', leadMediaId: photo.id });
    const page = await desk.published(editor, {
      headline: 'A page with a Read-more card',
      body: [
        { type: 'paragraph', text: 'Text.' },
        { type: 'related', articleId: related.id },
      ],
      relatedArticleIds: [related.id],
    });
    // The agency's licence turns out to end in a few seconds: the editor records it (a media change notice).
    const rightsExpireAt = new Date(Date.now() + 4000);
    const patched = await call(`${admin.url}/admin/v1`, 'PATCH', `/media/${photo.id}`, {
      auth: editor.auth,
      body: { rightsExpireAt: rightsExpireAt.toISOString() },
    });
    expect(patched.status).toBe(200);
    const card = (body: { body: { type: string; article?: { leadImage: unknown } }[]; related: { leadImage: unknown }[] }) => ({
      inBody: body.body.find((block) => block.type === 'related')?.article?.leadImage ?? null,
      related: body.related[0]?.leadImage ?? null,
    });
    const before = await get(`/articles/${page.slug}`);
    expect(card(before.body)).toEqual({ inBody: expect.objectContaining({ credit: 'Reuters' }), related: expect.objectContaining({ credit: 'Reuters' }) });
    expect(maxAgeOf(before.headers)).toBeLessThanOrEqual(4);
    const profile = await get(`/authors/${author.slug}`);
    expect(profile.body.author.photo).toMatchObject({ caption: 'Expiring photo', credit: 'Reuters' });
    expect(maxAgeOf(profile.headers)).toBeLessThanOrEqual(4);

    await sleep(Math.max(0, rightsExpireAt.getTime() + 100 - Date.now()));
    const after = await get(`/articles/${page.slug}`);
    expect(card(after.body)).toEqual({ inBody: null, related: null });
    expect(JSON.stringify(after.body)).not.toContain('Expiring photo');
    const profileAfter = await get(`/authors/${author.slug}`);
    expect(profileAfter.body.author.photo).toBeNull();
  });

  it('applies every article expiry at read time: Read-more cards (JSON and ninjs), sitemaps, the news sitemap and /sync, with no worker', async () => {
    const draft = await desk.draft(editor, { headline: 'Expiring read more story' });
    const page = await desk.published(editor, {
      headline: 'A page linking an expiring story',
      body: [
        { type: 'paragraph', text: 'Text.' },
        { type: 'related', articleId: draft.id },
      ],
      relatedArticleIds: [draft.id],
    });
    // The story goes live last, due to expire a few seconds later.
    expect((await desk.edit(editor, draft.id, { expireAt: new Date(Date.now() + 5000).toISOString() })).status).toBe(200);
    const expiring = await desk.transition(editor, draft.id, { action: 'publish' });
    const firstSync = await get('/sync?limit=1000');
    expect(firstSync.body.items.map((item: { id: string }) => item.id)).toContain(expiring.id);
    const surfaces = async () => {
      const json = await get(`/articles/${page.slug}`);
      const ninjs = await get(`/articles/${page.slug}?format=ninjs`);
      const sitemap = await fetch(`${delivery.url}/content/v1/sitemaps/articles-1.xml`);
      const news = await fetch(`${delivery.url}/content/v1/sitemaps/news.xml`);
      const sync = await get('/sync?limit=1000');
      return {
        json: { text: JSON.stringify(json.body), maxAge: maxAgeOf(json.headers) },
        ninjs: { text: JSON.stringify(ninjs.body), maxAge: maxAgeOf(ninjs.headers) },
        sitemap: { text: await sitemap.text(), maxAge: maxAgeOf(sitemap.headers) },
        news: { text: await news.text(), maxAge: maxAgeOf(news.headers) },
        sync: { text: JSON.stringify(sync.body), maxAge: maxAgeOf(sync.headers) },
      };
    };
    const before = await surfaces();
    for (const [name, surface] of Object.entries(before)) {
      expect({ name, linked: surface.text.includes(expiring.slug), bounded: surface.maxAge <= 6 }).toEqual({ name, linked: true, bounded: true });
    }

    await sleep(Math.max(0, Date.parse(expiring.expireAt) + 100 - Date.now()));
    const after = await surfaces();
    for (const [name, surface] of Object.entries(after)) expect({ name, linked: surface.text.includes(expiring.slug) }).toEqual({ name, linked: false });
    expect([parser.parse(after.sitemap.text).urlset.url].flat().length).toBeGreaterThan(0);
    const delta = await get(`/sync?token=${firstSync.body.syncToken}`);
    expect(delta.body.items).toContainEqual({ op: 'delete', id: expiring.id, slug: expiring.slug, locale: 'en' });
    // The next delta does not repeat the deletion.
    const next = await get(`/sync?token=${delta.body.syncToken}`);
    expect(next.body.items.map((item: { id: string }) => item.id)).not.toContain(expiring.id);
  });
});

describe('sitemap alternates across pages', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;
  let sectionId: string;
  const desk = newsroom(
    () => `${admin.url}/admin/v1`,
    () => sectionId,
  );

  beforeAll(async () => {
    db = await createTestDatabase();
    [admin, delivery] = await Promise.all([startAdminApi(db.url), startDeliveryApi(db.url)]);
    editor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma, { slug: 'editions' })).id;
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  it('lists hreflang alternates for an article whose translation is on another 5,000-row page', async () => {
    const english = await desk.draft(editor, { headline: 'Alternates across pages' });
    const draftRu = await desk.draft(editor, { locale: 'ru', headline: 'Альтернативы на разных страницах' });
    expect(
      (await call(`${admin.url}/admin/v1`, 'POST', `/articles/${english.id}/translations`, { auth: editor.auth, body: { articleId: draftRu.id } })).status,
    ).toBe(200);
    await desk.transition(editor, english.id, { action: 'publish' });
    // 5,000 live stories published just after the English edition push its translation onto page 2.
    await db.prisma.$executeRaw`
      INSERT INTO translation_group (id) SELECT md5('filler-group-' || i)::uuid FROM generate_series(1, 5000) i`;
    await db.prisma.$executeRaw`
      INSERT INTO article (id, locale, translation_group_id, slug, status, headline, section_id)
      SELECT md5('filler-' || i)::uuid, 'en', md5('filler-group-' || i)::uuid, 'filler-' || i, 'published', 'Filler ' || i, ${sectionId}::uuid
      FROM generate_series(1, 5000) i`;
    await db.prisma.$executeRaw`
      INSERT INTO published_article (article_id, revision, locale, slug, kind, translation_group_id, section_id, section_ids, tag_ids, author_ids, media_ids,
        headline, published_at, first_published_at, updated_at, summary, document, etag)
      SELECT md5('filler-' || i)::uuid, 1, 'en', 'filler-' || i, 'story', md5('filler-group-' || i)::uuid, p.section_id, p.section_ids, '{}', '{}', '{}',
        'Filler ' || i, p.published_at + i * interval '1 microsecond', p.published_at, p.updated_at, p.summary, p.document, 'filler-' || i
      FROM generate_series(1, 5000) i, published_article p WHERE p.article_id = ${english.id}::uuid`;
    await sleep(20);
    const russian = await desk.transition(editor, draftRu.id, { action: 'publish' });
    const page = async (n: number) => {
      const text = await (await fetch(`${delivery.url}/content/v1/sitemaps/articles-${n}.xml`)).text();
      return [parser.parse(text).urlset.url].flat() as { loc: string; 'xhtml:link'?: unknown }[];
    };
    const [one, two] = [await page(1), await page(2)];
    const entry = (urls: typeof one, slug: string) => urls.find((url) => url.loc.endsWith(`/${slug}`));
    const hreflangs = (url: { 'xhtml:link'?: unknown } | undefined) =>
      [url?.['xhtml:link'] ?? []]
        .flat()
        .map((link) => (link as { '@_hreflang': string })['@_hreflang'])
        .sort();
    expect(entry(one, english.slug)).toBeDefined();
    expect(entry(two, russian.slug)).toBeDefined();
    // x-default: the default locale's edition, wherever it falls in the paging.
    expect(hreflangs(entry(one, english.slug))).toEqual(['en', 'ru', 'x-default']);
    expect(hreflangs(entry(two, russian.slug))).toEqual(['en', 'ru', 'x-default']);
  });
});
