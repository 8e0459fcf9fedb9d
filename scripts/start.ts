// npm start — everything in one go: the database (embedded when DATABASE_URL
// is unset), migrations, demo content on an empty database, then admin-api,
// delivery-api and worker as child processes. Ctrl-C stops the apps (letting
// in-flight requests finish), then the embedded database.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { applyMigrations } from '#database';
import { resolveDatabase } from './lib/database.js';
import { migrationPaths, projectRoot } from './lib/paths.js';
import { oneLine } from './lib/run-app.js';
import { seedIfEmpty } from './lib/seed.js';
import { tracingPreload } from './lib/tracing-preload.js';

const config = loadConfigOrExit('start');
const logger = rootLogger('start', config);
const log = (line: string) => logger.info(line);
const apps = [
  { name: 'admin-api', entry: 'apps/admin-api/src/main.js' },
  { name: 'delivery-api', entry: 'apps/delivery-api/src/main.js' },
  { name: 'worker', entry: 'apps/worker/src/main.js' },
] as const;

let database: Awaited<ReturnType<typeof resolveDatabase>> | undefined;
const children = new Map<string, ChildProcess>();
let stopping = false;

async function main(): Promise<void> {
  database = await resolveDatabase(config, logger);
  const applied = await applyMigrations(database.url, migrationPaths.migrationsDir);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
  if (config.demoContent ?? database.embedded) await seedIfEmpty(database.url, config, log);

  for (const app of apps) {
    const child = spawn(process.execPath, ['--enable-source-maps', ...tracingPreload, resolve(projectRoot, 'dist', app.entry)], {
      env: { ...process.env, DATABASE_URL: database.url },
      // The apps write their own lines, in the same format, straight to this output.
      stdio: 'inherit',
    });
    children.set(app.name, child);
    child.on('exit', (code, signal) => {
      children.delete(app.name);
      if (!stopping) {
        logger.error(`${app.name} exited (${signal ?? `code ${code}`}); stopping the others`);
        void shutdown(1);
      } else if (children.size === 0) {
        void finish();
      }
    });
  }
  log(
    `Dispatch is starting: the Desk http://${config.host}:${config.adminPort}/desk/, admin API http://${config.host}:${config.adminPort}/admin/v1 (docs /admin/docs), delivery API http://${config.host}:${config.deliveryPort}/content/v1 (docs /content/docs)`,
  );
}

let exitCode = 0;
let finished: Promise<void> | undefined;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  log('stopping apps');
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 20_000);
  force.unref();
  if (children.size === 0) await finish();
}

function finish(): Promise<void> {
  finished ??= (async () => {
    if (database?.embedded) log('stopping the embedded PostgreSQL');
    await database?.release().catch(() => undefined);
    log('stopped');
    process.exit(exitCode);
  })();
  return finished;
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error) => {
  logFatal(logger, `start failed: ${oneLine(error)}`);
  stopping = true;
  exitCode = 1;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) await finish();
});
