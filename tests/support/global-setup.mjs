// Runs once before all tests, outside jest's module system: it uses the built
// libraries (npm test builds first). Finds the PostgreSQL server for this run
// (DATABASE_URL's, else an embedded one) and prepares a migrated template
// database that each e2e file clones (CREATE DATABASE … TEMPLATE: fast).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '#common';
import { applyMigrations, startEmbeddedPostgres, withAdminClient, withDatabase } from '#database';

export default async function globalSetup() {
  // Every temporary folder of this run — the apps' data dirs, the embedded
  // server's, those of spawned processes — goes into one folder that
  // global-teardown removes: TMPDIR is inherited by jest's workers and by
  // every process they start. 0755: the embedded server runs as `postgres`.
  const outer = tmpdir();
  const runDir = await mkdtemp(join(outer, 'dispatch-test-run-'));
  await chmod(runDir, 0o755);
  process.env.DISPATCH_TEST_OUTER_TMPDIR = outer;
  process.env.DISPATCH_TEST_RUN_DIR = runDir;
  process.env.TMPDIR = runDir;

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-test-pg-'));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres' });
    globalThis.__dispatchTestPg = server;
    serverUrl = server.url;
  }
  const template = `dispatch_tpl_${migrationsHash()}`;
  await withAdminClient(serverUrl, async (client) => {
    // Serialise template creation across concurrent test runs on one server.
    await client.query('SELECT pg_advisory_lock(4242)');
    try {
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!existing.rowCount) {
        const building = `${template}_building`;
        await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${building}"`);
        await applyMigrations(withDatabase(serverUrl, building), join(process.cwd(), 'prisma/migrations'));
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
      await dropUnusedTemplates(client, template);
    } finally {
      await client.query('SELECT pg_advisory_unlock(4242)');
    }
  });
  process.env.DISPATCH_TEST_SERVER_URL = serverUrl;
  process.env.DISPATCH_TEST_TEMPLATE = template;
  process.env.DISPATCH_TEST_OPENAPI_DIR = await writeOpenApiDocuments(runDir);
}

// The documents every e2e response is checked against (tests/support/contract.ts),
// built from the code once per run, so the check itself sends no request.
async function writeOpenApiDocuments(runDir) {
  const { buildOpenApiDocuments } = await import(join(process.cwd(), 'dist/scripts/lib/openapi-documents.js'));
  const documents = await buildOpenApiDocuments(loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: join(runDir, 'openapi-data') }));
  const dir = join(runDir, 'openapi');
  await mkdir(dir, { recursive: true });
  for (const [name, document] of Object.entries(documents)) await writeFile(join(dir, `${name}.json`), JSON.stringify(document));
  return dir;
}

// Other checkouts (branches with other migrations) may share this server and
// be running right now: their templates go only once unused for a day. The
// last use is kept as the database's comment.
const TEMPLATE_UNUSED_MS = 24 * 3600_000;

async function dropUnusedTemplates(client, template) {
  await client.query(`COMMENT ON DATABASE "${template}" IS '${new Date().toISOString()}'`);
  const others = await client.query(
    "SELECT datname, shobj_description(oid, 'pg_database') AS used FROM pg_database WHERE datname LIKE 'dispatch_tpl_%' AND datname NOT LIKE '%_building' AND datname <> $1",
    [template],
  );
  for (const row of others.rows) {
    const used = Date.parse(row.used ?? '');
    if (Number.isNaN(used)) await client.query(`COMMENT ON DATABASE "${row.datname}" IS '${new Date().toISOString()}'`);
    else if (Date.now() - used > TEMPLATE_UNUSED_MS) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  }
}

function migrationsHash() {
  const hash = createHash('sha256');
  const dir = join(process.cwd(), 'prisma/migrations');
  for (const name of readdirSync(dir).sort()) {
    hash.update(name);
    if (!name.endsWith('.toml')) hash.update(readFileSync(join(dir, name, 'migration.sql')));
  }
  return hash.digest('hex').slice(0, 12);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
