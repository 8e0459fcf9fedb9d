import 'reflect-metadata';
import { loadConfigOrExit } from '#common';
import { requireDatabaseUrl, runContext } from '../../../scripts/lib/run-app.js';
import { createWorker } from './worker.app.js';

const config = loadConfigOrExit();
await runContext('worker', () => createWorker(config, requireDatabaseUrl(config)), { host: config.metrics.host, port: config.metrics.workerPort });
