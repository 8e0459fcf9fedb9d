// npm run db:seed — loads the demo newsroom (idempotent).
import { loadConfigOrExit } from '#common';
import { applyMigrations } from '#database';
import { resolveDatabase } from './lib/database.js';
import { migrationPaths } from './lib/paths.js';
import { oneLine } from './lib/run-app.js';
import { seed } from './lib/seed.js';

const config = loadConfigOrExit();
const log = (line: string) => process.stdout.write(`${line}\n`);
try {
  const database = await resolveDatabase(config, log);
  try {
    await applyMigrations(database.url, migrationPaths.migrationsDir);
    await seed(database.url, config, log);
  } finally {
    await database.release();
  }
} catch (error) {
  process.stderr.write(`db:seed failed: ${oneLine(error)}\n`);
  process.exit(1);
}
