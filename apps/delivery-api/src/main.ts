import 'reflect-metadata';
import { loadConfigOrExit } from '#common';
import { requireDatabaseUrl, runHttpApp } from '../../../scripts/lib/run-app.js';
import { createDeliveryApp } from './delivery-api.app.js';

const config = loadConfigOrExit('delivery-api');
await runHttpApp('delivery-api', config, () => createDeliveryApp(config, requireDatabaseUrl(config, 'delivery-api')), config.host, config.deliveryPort, {
  host: config.metrics.host,
  port: config.metrics.deliveryPort,
});
