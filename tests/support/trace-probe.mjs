// Started by tests/tracing.e2e.ts with the same --import preload as every
// app process: builds the delivery app from dist, answers one request and
// prints what the process's OpenTelemetry state is, as one JSON line.
import 'reflect-metadata';
import { trace } from '@opentelemetry/api';
import pg from 'pg';
import { createDeliveryApp } from '../../dist/apps/delivery-api/src/delivery-api.app.js';
import { loadConfig } from '../../dist/libs/common/src/index.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const app = await createDeliveryApp(config, config.databaseUrl);
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address();
const response = await fetch(`http://127.0.0.1:${port}/content/v1/articles`);

let recordingInHandler = false;
trace.getTracer('probe').startActiveSpan('probe', (span) => {
  recordingInHandler = span.isRecording();
  span.end();
});
const handle = globalThis[Symbol.for('dispatch.tracing')];
process.stdout.write(
  `${JSON.stringify({
    status: response.status,
    sdkStarted: handle !== undefined,
    // A no-op API hands out spans that record nothing.
    recording: recordingInHandler,
    // shimmer marks what an instrumentation wrapped.
    pgPatched: pg.Client.prototype.query.__wrapped === true,
    serviceName: process.env.OTEL_SERVICE_NAME ?? null,
  })}\n`,
);
await app.close();
await handle?.shutdown();
