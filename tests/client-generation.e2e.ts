import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { clientGeneratedDir, clientSources } from '../scripts/lib/client.js';
import { runDocuments } from './support/contract.js';

/** The committed client types are what `npm run client` makes from the documents the apps serve now. */
describe('typed client generation', () => {
  it('libs/client/src/generated matches a fresh generation (else run `npm run client` and commit)', async () => {
    const sources = await clientSources(await runDocuments());
    expect(Object.keys(sources).sort()).toEqual(['admin.ts', 'delivery.ts']);
    for (const [file, source] of Object.entries(sources)) {
      // One line per difference reads better than a 5,000-line diff: name the file first.
      const committed = await readFile(resolve(clientGeneratedDir, file), 'utf8');
      expect({ file, source }).toEqual({ file, source: committed });
    }
  });
});
