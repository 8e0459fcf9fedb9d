import 'reflect-metadata';
import { loadConfigOrExit } from '#common';
import { requireDatabaseUrl, runHttpApp } from '../../../scripts/lib/run-app.js';
import { createAdminApp } from './admin-api.app.js';

const config = loadConfigOrExit();
await runHttpApp('admin-api', () => createAdminApp(config, requireDatabaseUrl(config)), config.host, config.adminPort, {
  host: config.metrics.host,
  port: config.metrics.adminPort,
});
