import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether running from sources or from dist/. */
export const projectRoot = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  const parts = here.split('/');
  const distIndex = parts.lastIndexOf('dist');
  return distIndex >= 0 ? parts.slice(0, distIndex).join('/') : resolve(here, '../..');
})();

export const migrationPaths = {
  schemaPath: resolve(projectRoot, 'prisma/schema.prisma'),
  migrationsDir: resolve(projectRoot, 'prisma/migrations'),
};
