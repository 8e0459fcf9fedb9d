import { CONTENT_CHANNEL } from '#content';
import { NotificationService } from '#database';
import { ResponseCache } from '../apps/delivery-api/src/http/response-cache.js';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { report, size } from './support/reliability.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    let acrossNotice = 0;
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
          if (startedIn !== 'after' && Date.now() >= noticeAt) acrossNotice++;
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
    report('unpublish-race', { races, stale, readsAcrossNotice: acrossNotice, requests, ms: Date.now() - started });
    expect(races).toBeGreaterThanOrEqual(500);
    expect({ stale, staleSeen: staleSeen.slice(0, 5) }).toEqual({ stale: 0, staleSeen: [] });
  }, 120_000);
});
