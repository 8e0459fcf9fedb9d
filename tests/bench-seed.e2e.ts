import { seedBench } from '../bench/lib/bench-seed.js';
import { call, createUser, type TestUser } from './support/factories.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The structure of a JSON value: keys and value types, arrays as the set of their element shapes. */
function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return [...new Set(value.map((item) => JSON.stringify(shape(item))))].sort().map((item) => JSON.parse(item));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

const keysOf = (value: unknown) => Object.keys(value as object).sort();

/** The benchmark's bulk seed writes the rows the real publish path writes. */
describe('benchmark seed', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedBench(db.url, { articles: 300, batchSize: 120 });
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url);
    editor = await createUser(db.prisma, 'editor');
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  it('fills taxonomy, credited media, links, revisions and the live read model', async () => {
    expect(await db.prisma.publishedArticle.count()).toBe(300);
    expect(await db.prisma.article.count({ where: { status: 'published', liveRevision: 1 } })).toBe(300);
    expect(await db.prisma.articleRevision.count()).toBe(300);
    expect(await db.prisma.contentChange.count()).toBe(300);
    expect(await db.prisma.tag.count()).toBe(500);
    expect(await db.prisma.author.count()).toBe(200);
    expect(await db.prisma.section.count()).toBe(30);
    const tagLinks = await db.prisma.articleTag.count();
    expect(tagLinks / 300).toBeCloseTo(3, 0);
    expect(await db.prisma.mediaAsset.count({ where: { credit: '', creator: '' } })).toBe(0);
    const locales = await db.prisma.publishedArticle.groupBy({ by: ['locale'], _count: true });
    expect(locales.length).toBeGreaterThanOrEqual(4);
    const [sizes] = await db.prisma.$queryRaw<{ min: number; max: number; vectors: number }[]>`
      SELECT min(length(search_text))::int AS min, max(length(search_text))::int AS max, count(search_vector)::int AS vectors FROM published_article`;
    expect(sizes).toMatchObject({ vectors: 300 });
    expect(sizes!.min).toBeGreaterThan(2000);
    expect(sizes!.max).toBeLessThan(6500);
  });

  it('renders a seeded article exactly in the shape of one published through the admin API', async () => {
    const seeded = await db.prisma.publishedArticle.findFirstOrThrow({ where: { locale: 'en', kind: 'story' }, orderBy: { publishedAt: 'desc' } });
    const doc = seeded.document as { body: { type: string; mediaId?: string; caption?: string; text?: string }[]; leadMediaId: string };
    const auth = editor.auth;
    const created = await call(`${admin.url}/admin/v1`, 'POST', '/articles', {
      auth,
      body: {
        locale: 'en',
        headline: 'Published through the admin API',
        standfirst: 'The same kind of story, written the slow way.',
        body: doc.body,
        sectionId: seeded.sectionId,
        tagIds: seeded.tagIds,
        authorIds: seeded.authorIds,
        leadMediaId: doc.leadMediaId,
      },
    });
    expect(created.status).toBe(201);
    const published = await call(`${admin.url}/admin/v1`, 'POST', `/articles/${created.body.id}/transitions`, {
      auth,
      body: { action: 'publish' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(published.status).toBe(200);

    const viaBench = await call(`${delivery.url}/content/v1`, 'GET', `/articles/${seeded.slug}`);
    const viaAdmin = await call(`${delivery.url}/content/v1`, 'GET', `/articles/${created.body.slug}`);
    expect(viaBench.status).toBe(200);
    expect(viaAdmin.status).toBe(200);
    expect(shape(viaBench.body)).toEqual(shape(viaAdmin.body));
    expect(viaBench.body.leadImage.creditLine).toMatch(/^© /);
    expect(viaBench.body.tags).toHaveLength(seeded.tagIds.length);

    // The rows themselves: same columns filled, same JSON keys, same etag form.
    const rows = await db.prisma.publishedArticle.findMany({ where: { articleId: { in: [seeded.articleId, created.body.id] } } });
    const [a, b] = [rows.find((row) => row.articleId === seeded.articleId)!, rows.find((row) => row.articleId === created.body.id)!];
    expect(keysOf(a.summary)).toEqual(keysOf(b.summary));
    expect(keysOf(a.document)).toEqual(keysOf(b.document));
    expect(a.etag).toMatch(/^[0-9a-f]{8}-1-[0-9a-z]+-0$/);
    expect(b.etag).toMatch(/^[0-9a-f]{8}-1-[0-9a-z]+-0$/);
    expect(a.searchText).toBe(
      (a.document as { body: { text?: string; caption?: string }[] }).body.map((block) => block.text ?? block.caption ?? '').join('\n'),
    );
    expect(b.searchText).toBe(a.searchText);
    expect(a.sectionIds).toEqual(b.sectionIds);
    expect(a.mediaIds).toEqual(b.mediaIds);
    const vectors = await db.prisma.$queryRaw<{ id: string; v: string }[]>`
      SELECT article_id::text AS id, search_vector::text AS v FROM published_article WHERE article_id IN (${seeded.articleId}::uuid, ${created.body.id}::uuid)`;
    const vector = (id: string) => vectors.find((row) => row.id === id)!.v;
    // Same body and standfirst weights; only the headline words differ.
    const cWords = (v: string) => v.split(' ').filter((term) => /C/.test(term.split(':')[1] ?? '')).length;
    expect(cWords(vector(seeded.articleId))).toBe(cWords(vector(created.body.id)));

    const search = await call(`${delivery.url}/content/v1`, 'GET', `/search?q=${encodeURIComponent(seeded.headline.split(' ')[0]!)}&locale=en`);
    expect(search.body.data.length).toBeGreaterThan(0);
  });
});
