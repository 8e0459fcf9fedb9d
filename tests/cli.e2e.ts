import { createServer } from 'node:net';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { runBuilt } from './support/processes.js';
import { freePort } from './support/ports.js';

/** The one line a failing entry point writes (JSON, as every log line): its message. */
function onlyMessage(output: string): string {
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]!) as { level: string; msg: string };
  expect(line.level).toBe('fatal');
  return line.msg;
}

describe('entry points refuse bad configuration with one line and a non-zero exit', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('rejects a DATABASE_URL that is not PostgreSQL', async () => {
    const run = runBuilt('apps/admin-api/src/main.js', { DATABASE_URL: 'mysql://root@localhost/db' });
    expect(await run.exited).toBe(1);
    expect(onlyMessage(run.output())).toBe('config error: DATABASE_URL: must be a postgres or postgresql URL');
  });

  it('rejects a malformed port', async () => {
    const run = runBuilt('apps/delivery-api/src/main.js', { DATABASE_URL: db.url, DELIVERY_API_PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(onlyMessage(run.output())).toBe('config error: DELIVERY_API_PORT="eighty": must be a whole number from 0 to 65535');
  });

  it('says so in one line when the port is taken', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    try {
      const run = runBuilt('apps/admin-api/src/main.js', { DATABASE_URL: db.url, ADMIN_API_PORT: String(port), LOG_LEVEL: 'silent' });
      expect(await run.exited).toBe(1);
      expect(onlyMessage(run.output())).toBe(`admin-api: cannot start: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it.each([
    ['delivery-api', 'apps/delivery-api/src/main.js', 'DELIVERY_METRICS_PORT'],
    ['worker', 'apps/worker/src/main.js', 'WORKER_METRICS_PORT'],
  ])('says so in one line when the %s metrics port is taken', async (name, entry, variable) => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    try {
      const run = runBuilt(entry, { DATABASE_URL: db.url, DELIVERY_API_PORT: String(await freePort()), [variable]: String(port), LOG_LEVEL: 'silent' });
      expect(await run.exited).toBe(1);
      expect(onlyMessage(run.output())).toBe(`${name}: cannot start: metrics port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('says so in one line when the database server cannot be reached by the migrator', async () => {
    const run = runBuilt('scripts/db-migrate.js', { DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/x` });
    expect(await run.exited).toBe(1);
    expect(onlyMessage(run.output())).toMatch(/^db:migrate failed: /);
  });
});
