import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { createHttpApp, type DispatchConfig } from '#common';
import { AdminApiModule } from './admin-api.module.js';
import { serveDesk } from './desk/desk-static.js';

/** Builds the admin API exactly as `main.ts` runs it (tests use this too). */
export function createAdminApp(config: DispatchConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  return createHttpApp({
    app: 'admin-api',
    module: AdminApiModule.forRoot(config, databaseUrl),
    config,
    prefix: 'admin/v1',
    docs: {
      path: 'admin/docs',
      title: 'Dispatch admin API',
      description: 'Management API for editors and admins: articles, workflow, media, taxonomy, people, webhooks.',
      bearerAuth: true,
    },
    configure: async (app) => {
      // Media uploads. One byte over the largest limit lets the ingest tell "too large" from "exactly at the limit".
      await app.register(multipart as never, {
        throwFileSizeLimit: false,
        limits: { fileSize: Math.max(config.media.maxImageBytes, config.media.maxAvBytes) + 1, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 24 },
      });
      // The Desk (apps/desk, built into dist/desk): same origin as /admin/v1, so it needs no CORS.
      await serveDesk(app.getHttpAdapter().getInstance());
    },
  });
}
