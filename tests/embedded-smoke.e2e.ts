import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './support/ports.js';
import { eventually, runBuilt, type Spawned } from './support/processes.js';

/**
 * The zero-setup path end to end: `npm start` with DATABASE_URL unset starts
 * an embedded PostgreSQL, migrates, loads the demo newsroom and runs all
 * three apps; Ctrl-C (SIGINT to the process group) stops everything; a second
 * start reuses the data.
 */
describe('npm start with no database configured', () => {
  let dataDir: string;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dispatch-smoke-'));
    env = {
      DATABASE_URL: undefined,
      DATA_DIR: dataDir,
      ADMIN_API_PORT: String(await freePort()),
      DELIVERY_API_PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    };
  });

  async function start(): Promise<Spawned> {
    const run = runBuilt('scripts/start.js', env, { detached: true });
    await eventually(async () => {
      for (const port of [env.ADMIN_API_PORT, env.DELIVERY_API_PORT]) {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (response.status !== 200) throw new Error(`health ${response.status}`);
      }
    }, 90_000);
    return run;
  }

  async function interrupt(run: Spawned): Promise<number | null> {
    process.kill(-run.child.pid!, 'SIGINT');
    return run.exited;
  }

  async function countRows(table: string): Promise<number> {
    const { password } = JSON.parse(readFileSync(join(dataDir, 'embedded-postgres.json'), 'utf8')) as { password: string };
    const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/dispatch` });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${table}"`);
      return (rows[0] as { n: number }).n;
    } finally {
      await client.end();
    }
  }

  it('comes up with demo content, stops cleanly on Ctrl-C, and reuses its data', async () => {
    const first = await start();
    expect(await countRows('user')).toBe(3);
    expect(await countRows('tag')).toBeGreaterThan(0);
    expect(await countRows('media_asset')).toBeGreaterThan(0);
    expect(first.output()).toContain('initialising embedded PostgreSQL');
    expect(await interrupt(first)).toBe(0);
    expect(first.output()).toContain('stopping the embedded PostgreSQL');
    await expect(countRows('user')).rejects.toThrow();

    const second = await start();
    expect(second.output()).not.toContain('initialising embedded PostgreSQL');
    expect(second.output()).not.toContain('loading the demo newsroom');
    expect(await countRows('user')).toBe(3);
    expect(await interrupt(second)).toBe(0);
  }, 240_000);
});
