import 'reflect-metadata';
import { loadConfigOrExit } from '#common';
import { requireDatabaseUrl, runHttpApp } from '../../../scripts/lib/run-app.js';
import { createAdminApp } from './admin-api.app.js';

const config = loadConfigOrExit('admin-api');
await runHttpApp('admin-api', config, () => createAdminApp(config, requireDatabaseUrl(config, 'admin-api')), config.host, config.adminPort, {
  host: config.metrics.host,
  port: config.metrics.adminPort,
});
