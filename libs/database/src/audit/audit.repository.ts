import type { Actor } from '#common';
import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

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
