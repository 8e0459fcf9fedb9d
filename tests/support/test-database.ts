import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, SerialTransactionAdapterFactory, withAdminClient, withDatabase } from '#database';

export interface TestDatabase {
  url: string;
  /** A Prisma client on this database, for arranging and asserting. */
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (cloned from the template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.DISPATCH_TEST_SERVER_URL;
  const template = process.env.DISPATCH_TEST_TEMPLATE;
  if (!server || !template) throw new Error('run through jest: tests/support/global-setup.ts prepares the database server');
  const name = `dispatch_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(server, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = withDatabase(server, name);
  const prisma = new PrismaClient({ adapter: new SerialTransactionAdapterFactory(new PrismaPg({ connectionString: url, max: 4 })) });
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await withAdminClient(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** The server's URL for a database name (e.g. to make an empty one). */
export function serverUrl(database = 'postgres'): string {
  const server = process.env.DISPATCH_TEST_SERVER_URL;
  if (!server) throw new Error('run through jest');
  return withDatabase(server, database);
}
