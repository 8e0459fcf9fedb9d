import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { DispatchConfig, Logger } from '#common';
import { startEmbeddedPostgres } from '#database';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR —
 * reused if another Dispatch process already runs it, started if not.
 */
export async function resolveDatabase(config: DispatchConfig, logger: Logger): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, release: async () => undefined };
  const running = await runningEmbeddedUrl(config);
  if (running) {
    logger.info(`using the embedded PostgreSQL already running on port ${config.embeddedPostgresPort}`);
    return { url: running, embedded: true, release: async () => undefined };
  }
  logger.info(`DATABASE_URL is unset: starting the embedded PostgreSQL (data in ${config.dataDir})`);
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    log: (line) => logger.info(line),
    // The server's own lines (e.g. every statement that failed) are for whoever debugs it.
    serverLog: (line) => logger.debug({ source: 'postgres' }, line),
  });
  return { url: server.url, embedded: true, release: () => server.stop() };
}

async function runningEmbeddedUrl(config: DispatchConfig): Promise<string | undefined> {
  const file = join(config.dataDir, 'embedded-postgres.json');
  if (!existsSync(file) || !existsSync(join(config.dataDir, 'pg', 'postmaster.pid'))) return undefined;
  const { password } = JSON.parse(readFileSync(file, 'utf8')) as { password: string };
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPostgresPort}/dispatch`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
