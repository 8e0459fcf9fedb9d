import type pg from 'pg';
import type { Prisma } from './generated/prisma/client.js';

/** Anything that can read and write rows: the client or a transaction. Repositories take it as their first argument. */
export type Db = Prisma.TransactionClient;

/**
 * The raw pg pool, or one of its clients holding a transaction: for the hot
 * paths and the worker queues that run without Prisma.
 */
export type Sql = Pick<pg.Pool, 'query'>;
