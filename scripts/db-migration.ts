// npm run db:migration -- <name> — writes prisma/migrations/<timestamp>_<name>/
// from the difference between the migrations folder and schema.prisma.
// Needs a PostgreSQL server to replay migrations on a scratch database.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { diffSchemaAgainstMigrations } from '#database';
import { resolveDatabase } from './lib/database.js';
import { migrationPaths } from './lib/paths.js';
import { oneLine } from './lib/run-app.js';

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  logFatal(rootLogger('db:migration'), 'usage: npm run db:migration -- <name>');
  process.exit(2);
}
const config = loadConfigOrExit('db:migration');
const logger = rootLogger('db:migration', config);
const log = (line: string) => logger.info(line);
try {
  const database = await resolveDatabase(config, logger);
  try {
    const sql = await diffSchemaAgainstMigrations(database.url, migrationPaths);
    if (sql === '') {
      log('schema.prisma and the migrations agree: nothing to create');
    } else {
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const dir = join(migrationPaths.migrationsDir, `${stamp}_${name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'migration.sql'), sql);
      log(`created ${dir}/migration.sql`);
    }
  } finally {
    await database.release();
  }
} catch (error) {
  logFatal(logger, `db:migration failed: ${oneLine(error)}`);
  process.exit(1);
}
