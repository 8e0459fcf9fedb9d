import { seed } from '../scripts/lib/seed.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { testConfig } from './support/test-apps.js';

describe('demo newsroom seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('goes through the services (published snapshots, revisions, audit) and is idempotent', async () => {
    const config = await testConfig(db.url);
    const counts = async () => ({
      users: await db.prisma.user.count(),
      sections: await db.prisma.section.count(),
      tags: await db.prisma.tag.count(),
      media: await db.prisma.mediaAsset.count(),
      articles: await db.prisma.article.count(),
      live: await db.prisma.publishedArticle.count(),
      revisions: await db.prisma.articleRevision.count(),
      collections: await db.prisma.collectionItem.count(),
    });
    await seed(db.url, config, () => undefined);
    const first = await counts();
    await seed(db.url, config, () => undefined);
    expect(await counts()).toEqual(first);
    expect(first).toMatchObject({ users: 3, live: 5, articles: 6 });

    const photo = await db.prisma.mediaAsset.findFirstOrThrow({ where: { creator: 'Bojan Slavkovic' } });
    expect(photo).toMatchObject({ credit: 'AP Photo', caption: expect.stringMatching(/^FILE PHOTO: NATO troops guard a checkpoint/), isFilePhoto: true });
    const kosovo = await db.prisma.publishedArticle.findFirstOrThrow({ where: { slug: 'nato-reinforces-presence-in-kosovo', locale: 'en' } });
    const russian = await db.prisma.publishedArticle.findFirstOrThrow({ where: { locale: 'ru' } });
    expect(russian.translationGroupId).toBe(kosovo.translationGroupId);
    expect(await db.prisma.auditEvent.count({ where: { entityId: kosovo.articleId, action: 'article.published' } })).toBe(1);
    const podcast = await db.prisma.article.findFirstOrThrow({ where: { kind: 'podcast_episode' }, include: { audioMedia: true } });
    expect(podcast.episodeNumber).toBe(1125);
    expect(Math.round(podcast.audioMedia!.durationSeconds!)).toBe(29 * 60 + 13);
  });
});
