import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/ports.js';
import { eventually, runBuilt } from './support/processes.js';

/**
 * What an operator sees on `npm start` at the default LOG_LEVEL=info: a
 * screenful of lines in one JSON shape — not Nest's route table, not three
 * formats, not a warning from the database driver.
 */
describe('npm start output', () => {
  it('is fewer than 20 lines until all three apps are up, every one a JSON log line', async () => {
    const env = {
      DATABASE_URL: undefined,
      LOG_LEVEL: undefined,
      LOG_FORMAT: undefined,
      LOG_ACCESS: undefined,
      DATA_DIR: await mkdtemp(join(tmpdir(), 'dispatch-startup-')),
      ADMIN_API_PORT: String(await freePort()),
      DELIVERY_API_PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
    const run = runBuilt('scripts/start.js', env, { detached: true });
    try {
      // Up means each app said so; polling /health instead would add access lines of its own.
      await eventually(async () => {
        for (const ready of ['admin-api listening on', 'delivery-api listening on', 'worker started']) {
          if (!run.output().includes(ready)) throw new Error(`not yet: ${ready}\n${run.output()}`);
        }
      }, 120_000);
      // The first request of each API (and the worker's first writes) must not add warnings either.
      await fetch(`http://127.0.0.1:${env.DELIVERY_API_PORT}/content/v1/articles`);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      process.kill(-run.child.pid!, 'SIGINT');
    }
    expect(await run.exited).toBe(0);

    const lines = run.output().trim().split('\n');
    const upTo = lines.findLastIndex((line) => line.includes('listening on') || line.includes('worker started'));
    expect(upTo + 1).toBeLessThan(20);
    for (const line of lines) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
      expect(entry).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), app: expect.any(String), msg: expect.any(String) }));
      expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
      expect(['start', 'admin-api', 'delivery-api', 'worker']).toContain(entry.app);
      expect(entry.level).toBe('info');
      expect(entry.msg).not.toMatch(/Mapped \{|RoutesResolver|dependencies initialized/);
    }
    expect(run.output()).not.toContain('DeprecationWarning');
    const access = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'request completed');
    expect(access).toMatchObject({ app: 'delivery-api', method: 'GET', route: '/content/v1/articles', url: '/content/v1/articles', status: 200 });
  }, 180_000);
});
