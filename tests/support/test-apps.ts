import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type DispatchConfig, loadConfig } from '#common';
import { createAdminApp } from '../../apps/admin-api/src/admin-api.app.js';
import { createDeliveryApp } from '../../apps/delivery-api/src/delivery-api.app.js';

export interface RunningApp {
  app: NestFastifyApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  config: DispatchConfig;
  close(): Promise<void>;
}

/** A test configuration: silent logs, a private data dir, the given database. */
export async function testConfig(databaseUrl: string, env: Record<string, string> = {}): Promise<DispatchConfig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-test-data-'));
  return loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...env });
}

async function listen(app: NestFastifyApplication, config: DispatchConfig): Promise<RunningApp> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, config, close: () => app.close() };
}

/** Boots the admin API on a random port over real HTTP. */
export async function startAdminApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = await testConfig(databaseUrl, env);
  return listen(await createAdminApp(config, databaseUrl), config);
}

/** Boots the delivery API on a random port over real HTTP. */
export async function startDeliveryApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = await testConfig(databaseUrl, env);
  return listen(await createDeliveryApp(config, databaseUrl), config);
}
