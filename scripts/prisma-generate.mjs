// Generates the Prisma client offline. The Prisma CLI downloads a native
// schema engine unless PRISMA_SCHEMA_ENGINE_BINARY names an executable;
// generating needs no engine, so any executable (node itself) will do.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  env: { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', ...process.env },
});
process.exit(result.status ?? 1);
