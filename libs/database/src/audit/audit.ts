import type { Actor } from '#common';
import type { Prisma } from '../generated/prisma/client.js';

/** Anything that can write rows: the client or a transaction. */
export type Db = Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Prisma.InputJsonValue;
}

/**
 * Appends to the audit log. Call it with the transaction of the change it
 * records, so the log and the change commit (or roll back) together.
 */
export async function recordAudit(db: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorType: actor?.type ?? 'anonymous',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      data: entry.data ?? {},
    },
  });
}

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
  await db.$executeRaw`SELECT pg_notify('dispatch_worker_wake', 'outbox')`;
}
