import 'reflect-metadata';
import { loadConfigOrExit } from '#common';
import { requireDatabaseUrl, runContext } from '../../../scripts/lib/run-app.js';
import { createWorker } from './worker.app.js';

const config = loadConfigOrExit('worker');
await runContext('worker', config, () => createWorker(config, requireDatabaseUrl(config, 'worker')), {
  host: config.metrics.host,
  port: config.metrics.workerPort,
});
