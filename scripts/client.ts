// npm run client — regenerates the typed client's types (libs/client/src/generated)
// from the OpenAPI documents exactly as the apps serve them. Needs a migrated
// DATABASE_URL, like npm run openapi. The test tests/client-generation.e2e.ts
// fails when the committed files differ from a fresh generation.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { clientGeneratedDir, clientSources } from './lib/client.js';
import { openApiDocuments } from './lib/openapi.js';
import { requireDatabaseUrl } from './lib/run-app.js';

const config = loadConfigOrExit('client');
const logger = rootLogger('client', config);

try {
  const url = requireDatabaseUrl(config, 'client');
  await mkdir(clientGeneratedDir, { recursive: true });
  for (const [file, source] of Object.entries(await clientSources(await openApiDocuments(config, url)))) {
    await writeFile(resolve(clientGeneratedDir, file), source);
    logger.info(`wrote ${resolve(clientGeneratedDir, file)}`);
  }
} catch (error) {
  logFatal(logger, `client: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
