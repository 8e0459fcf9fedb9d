import 'reflect-metadata';
import type { OpenAPIObject } from '@nestjs/swagger';
import { type DispatchConfig, openApiDocument } from '#common';
import { createAdminApp } from '../../apps/admin-api/src/admin-api.app.js';
import { createDeliveryApp } from '../../apps/delivery-api/src/delivery-api.app.js';

/**
 * Both OpenAPI documents exactly as the apps serve them, built from the code:
 * the apps are constructed but never started, so no database is touched.
 */
export async function buildOpenApiDocuments(config: DispatchConfig): Promise<{ admin: OpenAPIObject; delivery: OpenAPIObject }> {
  // Never connected to: building an app opens no connection until it starts.
  const url = config.databaseUrl ?? 'postgresql://127.0.0.1:1/unused';
  const admin = await createAdminApp(config, url);
  const delivery = await createDeliveryApp(config, url);
  try {
    return { admin: openApiDocument(admin), delivery: openApiDocument(delivery) };
  } finally {
    await Promise.all([admin.close(), delivery.close()]);
  }
}
