import { PrismaPg } from '@prisma/adapter-pg';
import type { DispatchConfig } from '#common';
import { LocalMediaStorage } from '#content';
import { PrismaClient } from '#database';
import { seedDemoNewsroom } from '../../prisma/seed/demo-newsroom.js';

/** Loads the demo newsroom when the database has no users yet. */
export async function seedIfEmpty(url: string, config: DispatchConfig, log: (line: string) => void): Promise<void> {
  await withPrisma(url, async (prisma) => {
    if ((await prisma.user.count()) > 0) return;
    log('empty database: loading the demo newsroom');
    await seedDemoNewsroom(prisma, new LocalMediaStorage(config.media.dir), log);
  });
}

export async function seed(url: string, config: DispatchConfig, log: (line: string) => void): Promise<void> {
  await withPrisma(url, (prisma) => seedDemoNewsroom(prisma, new LocalMediaStorage(config.media.dir), log));
}

async function withPrisma<T>(url: string, fn: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
