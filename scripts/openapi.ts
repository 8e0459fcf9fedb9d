// npm run openapi [-- <dir>] — writes the two OpenAPI documents exactly as the
// apps serve them (admin.json, delivery.json; default ./openapi). Needs a
// migrated DATABASE_URL, since the apps start as they do in production.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { documentText, openApiDocuments } from './lib/openapi.js';
import { requireDatabaseUrl } from './lib/run-app.js';

const config = loadConfigOrExit('openapi');
const logger = rootLogger('openapi', config);
const out = resolve(process.argv[2] ?? 'openapi');

try {
  const url = requireDatabaseUrl(config, 'openapi');
  await mkdir(out, { recursive: true });
  for (const [name, document] of Object.entries(await openApiDocuments(config, url))) {
    await writeFile(resolve(out, `${name}.json`), documentText(document));
    logger.info(`wrote ${resolve(out, `${name}.json`)}`);
  }
} catch (error) {
  logFatal(logger, `openapi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
