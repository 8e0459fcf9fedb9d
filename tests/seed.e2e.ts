import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStorage } from '#content';
import { seedDemoNewsroom } from '../prisma/seed/demo-newsroom.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('demo newsroom seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('is idempotent', async () => {
    const storage = new LocalMediaStorage(await mkdtemp(join(tmpdir(), 'dispatch-seed-')));
    const counts = async () => ({
      users: await db.prisma.user.count(),
      sections: await db.prisma.section.count(),
      tags: await db.prisma.tag.count(),
      media: await db.prisma.mediaAsset.count(),
      locales: await db.prisma.locale.count(),
    });
    await seedDemoNewsroom(db.prisma, storage, () => undefined);
    const first = await counts();
    await seedDemoNewsroom(db.prisma, storage, () => undefined);
    expect(await counts()).toEqual(first);
    expect(first.users).toBe(3);
    const photo = await db.prisma.mediaAsset.findFirstOrThrow({ where: { creator: 'Bojan Slavkovic' } });
    expect(photo).toMatchObject({ credit: 'AP Photo', caption: expect.stringMatching(/^FILE PHOTO: NATO troops guard a checkpoint/) });
    expect(await storage.exists(photo.storageKey)).toBe(true);
  });
});
