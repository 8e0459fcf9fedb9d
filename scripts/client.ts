// npm run client — regenerates the typed client's types (libs/client/src/generated)
// from the OpenAPI documents exactly as the apps serve them (built from the
// code, like npm run openapi: no database needed). The test tests/client-generation.e2e.ts
// fails when the committed files differ from a fresh generation.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { clientGeneratedDir, clientSources } from './lib/client.js';
import { openApiDocuments } from './lib/openapi.js';

const config = loadConfigOrExit('client');
const logger = rootLogger('client', config);

try {
  await mkdir(clientGeneratedDir, { recursive: true });
  for (const [file, source] of Object.entries(await clientSources(await openApiDocuments(config)))) {
    await writeFile(resolve(clientGeneratedDir, file), source);
    logger.info(`wrote ${resolve(clientGeneratedDir, file)}`);
  }
} catch (error) {
  logFatal(logger, `client: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
