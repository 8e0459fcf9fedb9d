// Configuration for the stock Prisma CLI (`prisma generate`, and `prisma
// migrate deploy` where the native engine can be downloaded). Dispatch itself
// migrates through the WebAssembly engine: see libs/database/src/migration.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/dispatch' },
});
