import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

/** The channel workers LISTEN on, so new outbox events, webhook retries and schedules are picked up at once rather than at the next poll. */
export const WORKER_WAKE_CHANNEL = 'dispatch_worker_wake';

export interface OutboxEntry {
  type: string;
  data: Prisma.InputJsonValue;
}

/**
 * Writes a domain event to the outbox in the caller's transaction; the worker
 * delivers it (webhooks) after commit. Also wakes workers right away.
 */
export async function emitEvent(db: Db, event: OutboxEntry): Promise<void> {
  await db.outboxEvent.create({ data: { type: event.type, data: event.data } });
  await wakeWorkers(db, 'outbox');
}

/** Wakes every worker now (after commit, when called in a transaction); `reason` is for the logs. */
export async function wakeWorkers(db: Db, reason: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${WORKER_WAKE_CHANNEL}, ${reason})`;
}
