import type { DispatchConfig } from '#common';
import { buildOpenApiDocuments } from './openapi-documents.js';

/** An OpenAPI document as JSON (what the apps serve at …/docs/openapi.json). */
export type OpenApiDocument = Record<string, unknown>;

export interface OpenApiDocuments {
  admin: OpenApiDocument;
  delivery: OpenApiDocument;
}

/**
 * Both OpenAPI documents exactly as the apps serve them, built from the
 * code (no database). `npm run openapi`, `npm run client` and the tests that
 * keep the client and the lint gate honest all read them here.
 */
export async function openApiDocuments(config: DispatchConfig): Promise<OpenApiDocuments> {
  const { admin, delivery } = await buildOpenApiDocuments(config);
  // A JSON round trip: the same value a client parses from the served document.
  return JSON.parse(JSON.stringify({ admin, delivery })) as OpenApiDocuments;
}

/** The file form of a document: two-space JSON and a final newline. */
export function documentText(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
