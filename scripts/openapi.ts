// npm run openapi [-- <dir>] — writes the two OpenAPI documents exactly as the
// apps serve them (admin.json, delivery.json; default ./openapi), built from
// the code: no database or running app needed.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfigOrExit, logFatal, rootLogger } from '#common';
import { documentText, openApiDocuments } from './lib/openapi.js';

const config = loadConfigOrExit('openapi');
const logger = rootLogger('openapi', config);
const out = resolve(process.argv[2] ?? 'openapi');

try {
  await mkdir(out, { recursive: true });
  for (const [name, document] of Object.entries(await openApiDocuments(config))) {
    await writeFile(resolve(out, `${name}.json`), documentText(document));
    logger.info(`wrote ${resolve(out, `${name}.json`)}`);
  }
} catch (error) {
  logFatal(logger, `openapi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
