import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, type DispatchConfig } from '#common';
import { DeliveryApiModule } from './delivery-api.module.js';
import { configureEdge } from './http/edge.js';
import { ResponseCache } from './http/response-cache.js';

/** Builds the delivery API exactly as `main.ts` runs it (tests use this too). */
export function createDeliveryApp(config: DispatchConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  return createHttpApp({
    app: 'delivery-api',
    module: DeliveryApiModule.forRoot(config, databaseUrl),
    config,
    prefix: 'content/v1',
    docs: {
      path: 'content/docs',
      title: 'Dispatch delivery API',
      description: 'Public, read-only API: live content only, cacheable, in every language edition.',
      serverUrl: config.delivery.publicUrl,
      apiKey: true,
    },
    configure: (app) => configureEdge(app, config, app.get(ResponseCache)),
  });
}
