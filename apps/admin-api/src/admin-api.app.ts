import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, type DispatchConfig } from '#common';
import { AdminApiModule } from './admin-api.module.js';

/** Builds the admin API exactly as `main.ts` runs it (tests use this too). */
export function createAdminApp(config: DispatchConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  return createHttpApp({
    module: AdminApiModule.forRoot(config, databaseUrl),
    config,
    prefix: 'admin/v1',
    docs: {
      path: 'admin/docs',
      title: 'Dispatch admin API',
      description: 'Management API for editors and admins: articles, workflow, media, taxonomy, people, webhooks.',
      bearerAuth: true,
    },
  });
}
