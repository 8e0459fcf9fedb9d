import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import pg from 'pg';
import { readMigrations } from './migration-files.js';
import { openSchemaEngine } from './schema-engine.js';

const noFilters = { externalTables: [], externalEnums: [] };

export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
}

/**
 * Applies pending migrations from `migrationsDir`, recording them in the
 * standard `_prisma_migrations` table (the one `prisma migrate deploy` uses).
 * Returns the names of the migrations applied now; empty when up to date.
 */
export async function applyMigrations(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const handle = await openSchemaEngine(databaseUrl);
  try {
    const result = await handle.engine.applyMigrations({
      migrationsList: await readMigrations(migrationsDir),
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  } finally {
    await handle.close();
  }
}

/**
 * The SQL that takes a database from the migrations folder to the schema:
 * the body of the next migration, or '' when they already agree. The engine
 * replays the migrations on its adapter's own database, so this runs against
 * a throwaway database created (and dropped) on the same server.
 */
export async function diffSchemaAgainstMigrations(serverUrl: string, paths: MigrationPaths): Promise<string> {
  const scratch = `dispatch_diff_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${scratch}"`));
  try {
    const handle = await openSchemaEngine(withDatabase(serverUrl, scratch));
    try {
      const content = await readFile(paths.schemaPath, 'utf8');
      const result = await handle.engine.diff({
        from: { tag: 'migrations', ...(await readMigrations(paths.migrationsDir)) },
        to: { tag: 'schemaDatamodel', files: [{ path: basename(paths.schemaPath), content }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      const sql = (result as { stdout?: string | null }).stdout ?? '';
      return isEmptyMigration(sql) ? '' : sql;
    } finally {
      await handle.close();
    }
  } finally {
    await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
  }
}

function isEmptyMigration(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line === '-- This is an empty migration.');
}

/** Replaces the database name of a PostgreSQL connection string. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `fn` with a client connected to the server's `postgres` database. */
export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
