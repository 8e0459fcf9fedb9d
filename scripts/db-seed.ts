// npm run db:seed — loads the demo newsroom (idempotent).
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { applyMigrations } from '#database';
import { resolveDatabase } from './lib/database.js';
import { migrationPaths } from './lib/paths.js';
import { oneLine } from './lib/run-app.js';
import { seed } from './lib/seed.js';

const config = loadConfigOrExit('db:seed');
const logger = rootLogger('db:seed', config);
const log = (line: string) => logger.info(line);
try {
  const database = await resolveDatabase(config, logger);
  try {
    await applyMigrations(database.url, migrationPaths.migrationsDir);
    await seed(database.url, config, log);
  } finally {
    await database.release();
  }
} catch (error) {
  logFatal(logger, `db:seed failed: ${oneLine(error)}`);
  process.exit(1);
}
