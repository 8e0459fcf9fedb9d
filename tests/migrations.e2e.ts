import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations, diffSchemaAgainstMigrations, withAdminClient } from '#database';
import { serverUrl } from './support/test-database.js';

const paths = { schemaPath: join(process.cwd(), 'prisma/schema.prisma'), migrationsDir: join(process.cwd(), 'prisma/migrations') };

describe('migrations', () => {
  it('agree with schema.prisma (run `npm run db:migration -- <name>` after editing the schema)', async () => {
    const sql = await diffSchemaAgainstMigrations(serverUrl(), paths);
    expect(sql).toBe('');
  });

  it('apply offline to an empty database, are recorded like `prisma migrate deploy`, and are a no-op the second time', async () => {
    const name = `dispatch_m_${randomBytes(5).toString('hex')}`;
    await withAdminClient(serverUrl(), (client) => client.query(`CREATE DATABASE "${name}"`));
    try {
      const first = await applyMigrations(serverUrl(name), paths.migrationsDir);
      expect(first.length).toBeGreaterThan(0);
      expect(await applyMigrations(serverUrl(name), paths.migrationsDir)).toEqual([]);

      const client = new pg.Client({ connectionString: serverUrl(name) });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name');
        expect(rows.map((row) => row.migration_name)).toEqual(first);
        for (const row of rows) {
          expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
          expect(row.finished_at).not.toBeNull();
          expect(row.rolled_back_at).toBeNull();
        }
        const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        const names = tables.rows.map((row) => row.table_name);
        for (const table of [
          'article',
          'article_revision',
          'published_article',
          'media_asset',
          'tag_redirect',
          'outbox_event',
          'webhook_delivery',
          'audit_event',
        ]) {
          expect(names).toContain(table);
        }
      } finally {
        await client.end();
      }
    } finally {
      await withAdminClient(serverUrl(), (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});
