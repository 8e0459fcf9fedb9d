import type { Prisma } from './generated/prisma/client.js';

/** Anything that can read and write rows: the client or a transaction. Repositories take it as their first argument. */
export type Db = Prisma.TransactionClient;
