// npm run db:migrate — applies pending migrations to DATABASE_URL (or the
// embedded database) through Prisma's WebAssembly schema engine.
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { applyMigrations } from '#database';
import { resolveDatabase } from './lib/database.js';
import { migrationPaths } from './lib/paths.js';
import { oneLine } from './lib/run-app.js';

const config = loadConfigOrExit('db:migrate');
const logger = rootLogger('db:migrate', config);
const log = (line: string) => logger.info(line);
try {
  const database = await resolveDatabase(config, logger);
  try {
    const applied = await applyMigrations(database.url, migrationPaths.migrationsDir);
    log(applied.length === 0 ? 'database is up to date: no migration to apply' : `applied ${applied.length} migration(s): ${applied.join(', ')}`);
  } finally {
    await database.release();
  }
} catch (error) {
  logFatal(logger, `db:migrate failed: ${oneLine(error)}`);
  process.exit(1);
}
