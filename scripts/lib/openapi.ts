import type { DispatchConfig } from '#common';
import { createAdminApp } from '../../apps/admin-api/src/admin-api.app.js';
import { createDeliveryApp } from '../../apps/delivery-api/src/delivery-api.app.js';

/** An OpenAPI document as JSON (what the apps serve at …/docs/openapi.json). */
export type OpenApiDocument = Record<string, unknown>;

export interface OpenApiDocuments {
  admin: OpenApiDocument;
  delivery: OpenApiDocument;
}

/**
 * Both OpenAPI documents exactly as the apps serve them: each app is
 * started as in production (so DATABASE_URL must be a migrated database)
 * and asked for its document. `npm run openapi`, `npm run client` and the
 * tests that keep the client and the lint gate honest all read them here.
 */
export async function openApiDocuments(config: DispatchConfig, databaseUrl: string): Promise<OpenApiDocuments> {
  return {
    admin: await served(() => createAdminApp(config, databaseUrl), '/admin/docs/openapi.json'),
    delivery: await served(() => createDeliveryApp(config, databaseUrl), '/content/docs/openapi.json'),
  };
}

async function served(create: () => ReturnType<typeof createAdminApp>, path: string): Promise<OpenApiDocument> {
  const app = await create();
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await app.inject({ method: 'GET', url: path });
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
    return response.json<OpenApiDocument>();
  } finally {
    await app.close();
  }
}

/** The file form of a document: two-space JSON and a final newline. */
export function documentText(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
