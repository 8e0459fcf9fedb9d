import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

/** Reads prisma/migrations in the shape the schema engine expects. */
export async function readMigrations(migrationsDir: string): Promise<MigrationList> {
  const entries = existsSync(migrationsDir) ? await readdir(migrationsDir, { withFileTypes: true }) : [];
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (name) => {
        const file = join(migrationsDir, name, 'migration.sql');
        return {
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: existsSync(file) ? { tag: 'ok' as const, value: await readFile(file, 'utf8') } : { tag: 'error' as const, value: `missing ${file}` },
          },
        };
      }),
    ),
  };
}
