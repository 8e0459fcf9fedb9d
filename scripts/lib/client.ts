import { resolve } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import type { OpenApiDocument, OpenApiDocuments } from './openapi.js';
import { projectRoot } from './paths.js';

/** Where the generated types of the typed client live (committed; `npm run client` rewrites them). */
export const clientGeneratedDir = resolve(projectRoot, 'libs/client/src/generated');

/**
 * The TypeScript the typed client is built on, one file per document
 * (admin.ts, delivery.ts): openapi-typescript's `paths`/`components`
 * types, formatted with the repository's prettier settings so the
 * committed files read like the rest of the code.
 */
export async function clientSources(documents: OpenApiDocuments): Promise<Record<string, string>> {
  const sources: Record<string, string> = {};
  for (const [name, document] of Object.entries(documents)) sources[`${name}.ts`] = await clientSource(document, resolve(clientGeneratedDir, `${name}.ts`));
  return sources;
}

async function clientSource(document: OpenApiDocument, path: string): Promise<string> {
  // A copy: openapi-typescript resolves the document in place.
  const copy = structuredClone(document) as unknown as OpenAPI3;
  const ast = await openapiTS(copy, { silent: true, alphabetize: true });
  const header = `${COMMENT_HEADER}// Regenerate with \`npm run client\` (from the documents the apps serve).\n\n`;
  return format(header + astToString(ast), { ...(await resolveConfig(path)), filepath: path });
}
