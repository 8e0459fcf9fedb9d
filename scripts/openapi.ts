// npm run openapi [-- <dir>] — writes the two OpenAPI documents exactly as the
// apps serve them (admin.json, delivery.json; default ./openapi). Needs a
// migrated DATABASE_URL, since the apps start as they do in production.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { createAdminApp } from '../apps/admin-api/src/admin-api.app.js';
import { createDeliveryApp } from '../apps/delivery-api/src/delivery-api.app.js';
import { requireDatabaseUrl } from './lib/run-app.js';

const config = loadConfigOrExit('openapi');
const logger = rootLogger('openapi', config);
const out = resolve(process.argv[2] ?? 'openapi');

async function dump(name: string, create: () => ReturnType<typeof createAdminApp>, path: string): Promise<void> {
  const app = await create();
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await app.inject({ method: 'GET', url: path });
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
    await writeFile(resolve(out, `${name}.json`), `${JSON.stringify(response.json(), null, 2)}\n`);
    logger.info(`wrote ${resolve(out, `${name}.json`)}`);
  } finally {
    await app.close();
  }
}

try {
  const url = requireDatabaseUrl(config, 'openapi');
  await mkdir(out, { recursive: true });
  await dump('admin', () => createAdminApp(config, url), '/admin/docs/openapi.json');
  await dump('delivery', () => createDeliveryApp(config, url), '/content/docs/openapi.json');
} catch (error) {
  logFatal(logger, `openapi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
