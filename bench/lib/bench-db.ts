import pg from 'pg';
import { applyMigrations } from '#database';
import { migrationPaths } from '../../scripts/lib/paths.js';

export const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const BENCH_DATABASE = 'dispatch_bench';

/** Reads `--name value` / `--name=value` from argv. */
export function flag(argv: string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

export function hasFlag(argv: string[], name: string): boolean {
  return argv.includes(`--${name}`);
}

/**
 * The benchmark database: --database-url, else BENCH_DATABASE_URL, else a
 * database named dispatch_bench on DATABASE_URL's server (never the
 * database DATABASE_URL itself names, so a benchmark never touches real data).
 */
export function benchDatabaseUrl(argv: string[]): string {
  const explicit = flag(argv, 'database-url') ?? process.env.BENCH_DATABASE_URL;
  if (explicit) return explicit;
  const url = new URL(process.env.DATABASE_URL || DEFAULT_SERVER_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/** Creates the database if it is missing and applies pending migrations. */
export async function prepareDatabase(url: string, log: (line: string) => void): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      log(`creating database ${name}`);
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
  const applied = await applyMigrations(url, migrationPaths.migrationsDir);
  if (applied.length) log(`applied ${applied.length} migration(s)`);
}

/** Live articles in the benchmark database (0 when it is empty or missing). */
export async function liveArticleCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM published_article');
    return rows[0]?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A one-line progress bar on stderr (redrawn in place on a terminal). */
export function progress(label: string, total: number): { tick(done: number): void; end(): void } {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastDrawn = -1;
  const draw = (done: number) => {
    const ratio = total ? done / total : 1;
    const percent = Math.floor(ratio * 100);
    if (!tty && percent < 100 && percent - lastDrawn < 10) return;
    lastDrawn = percent;
    const width = 30;
    const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '.');
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const line = `${label} [${bar}] ${done}/${total} ${percent}% ${rate}/s ${seconds.toFixed(0)}s elapsed, ~${eta}s left`;
    process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
  };
  return { tick: draw, end: () => (draw(total), tty && process.stderr.write('\n')) };
}
