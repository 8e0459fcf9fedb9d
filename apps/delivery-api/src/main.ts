import 'reflect-metadata';
import { loadConfigOrExit } from '#common';
import { requireDatabaseUrl, runHttpApp } from '../../../scripts/lib/run-app.js';
import { createDeliveryApp } from './delivery-api.app.js';

const config = loadConfigOrExit();
await runHttpApp('delivery-api', () => createDeliveryApp(config, requireDatabaseUrl(config)), config.host, config.deliveryPort, {
  host: config.metrics.host,
  port: config.metrics.deliveryPort,
});
