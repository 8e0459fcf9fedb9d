import type { Actor, Page } from '#common';
import type { Db } from '../db.js';
import type { AuditEvent, Prisma } from '../generated/prisma/client.js';
import { keysetPage, newestFirst } from '../query/keyset-page.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Prisma.InputJsonValue;
}

/** Filters of the audit log's list; every one given must match. */
export interface AuditQuery {
  limit: number;
  cursor?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  since?: Date;
}

/** How much of one entity's history is read at once. */
const HISTORY_LIMIT = 1000;

const NEWEST_FIRST = newestFirst<AuditEvent>('at', (row) => row.at);

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

/**
 * Reading the audit log (`recordAudit` writes it): here rather than in #auth,
 * which lists it, because content shows an article's history and must not
 * import #auth.
 */
export const auditRepository = {
  /** One page of entries matching every given filter, newest first. */
  async page<View>(db: Db, query: AuditQuery, map: (row: AuditEvent) => View): Promise<Page<View>> {
    return keysetPage<AuditEvent, View, Prisma.AuditEventWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: NEWEST_FIRST,
      filters: [
        query.actor ? { actorId: query.actor } : undefined,
        query.entityType ? { entityType: query.entityType } : undefined,
        query.entityId ? { entityId: query.entityId } : undefined,
        query.action ? { action: query.action } : undefined,
        query.since ? { at: { gte: query.since } } : undefined,
      ],
      find: (args) => db.auditEvent.findMany(args),
      map,
    });
  },

  /** What happened to one entity, oldest first (at most the first 1000 entries). */
  async history(db: Db, entityType: string, entityId: string): Promise<AuditEvent[]> {
    return db.auditEvent.findMany({
      where: { entityType, entityId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take: HISTORY_LIMIT,
    });
  },
};
