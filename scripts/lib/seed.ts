import { NestFactory } from '@nestjs/core';
import type { DispatchConfig } from '#common';
import { PrismaService } from '#database';
import { seedDemoNewsroom } from '../../prisma/seed/demo-newsroom.js';
import { SeedModule } from '../../prisma/seed/seed.module.js';

/** Loads the demo newsroom (idempotent); with `onlyIfEmpty`, only into a database with no users. */
export async function seed(url: string, config: DispatchConfig, log: (line: string) => void, onlyIfEmpty = false): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config, url), { logger: false });
  try {
    if (onlyIfEmpty && (await app.get(PrismaService).user.count()) > 0) return;
    if (onlyIfEmpty) log('empty database: loading the demo newsroom');
    await seedDemoNewsroom(app, log);
  } finally {
    await app.close();
  }
}

export function seedIfEmpty(url: string, config: DispatchConfig, log: (line: string) => void): Promise<void> {
  return seed(url, config, log, true);
}
