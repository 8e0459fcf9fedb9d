/**
 * `npm run load`: N editors edit and publish while M readers hit delivery,
 * on a fresh database on DATABASE_URL's server; prints the figures.
 * LOAD_EDITORS (8), LOAD_READERS (16), LOAD_SECONDS (30).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#common';
import { applyMigrations, withAdminClient, withDatabase } from '#database';
import { createAdminApp } from '../apps/admin-api/src/admin-api.app.js';
import { createDeliveryApp } from '../apps/delivery-api/src/delivery-api.app.js';
import { runLoad } from './lib/load.js';

const server = process.env.DATABASE_URL;
if (!server) {
  process.stderr.write('load: set DATABASE_URL to a PostgreSQL server (a fresh database is created on it)\n');
  process.exit(1);
}
const name = `dispatch_load_${randomBytes(4).toString('hex')}`;
await withAdminClient(server, (client) => client.query(`CREATE DATABASE "${name}"`));
const url = withDatabase(server, name);
try {
  await applyMigrations(url, join(process.cwd(), 'prisma/migrations'));
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: await mkdtemp(join(tmpdir(), 'dispatch-load-')), DATABASE_URL: url, DELIVERY_RATE_LIMIT: '0' });
  const admin = await createAdminApp(config, url);
  const delivery = await createDeliveryApp(config, url);
  await admin.listen(0, '127.0.0.1');
  await delivery.listen(0, '127.0.0.1');
  const port = (app: typeof admin) => (app.getHttpServer().address() as { port: number }).port;
  const figures = await runLoad({
    adminUrl: `http://127.0.0.1:${port(admin)}/admin/v1`,
    deliveryUrl: `http://127.0.0.1:${port(delivery)}/content/v1`,
    databaseUrl: url,
    editors: Number(process.env.LOAD_EDITORS ?? 8),
    readers: Number(process.env.LOAD_READERS ?? 16),
    durationMs: Number(process.env.LOAD_SECONDS ?? 30) * 1000,
  });
  await Promise.all([admin.close(), delivery.close()]);
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  const ok = figures.fiveXx === 0 && figures.lostUpdates === 0 && figures.draftReads === 0;
  process.stdout.write(ok ? 'load: OK — zero 5xx, zero lost updates, zero draft reads\n' : 'load: FAILED\n');
  process.exitCode = ok ? 0 : 1;
} finally {
  await withAdminClient(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
