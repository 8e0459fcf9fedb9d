export { applyMigrations, diffSchemaAgainstMigrations, withAdminClient, withDatabase } from './migrator.js';
export type { MigrationPaths } from './migrator.js';
