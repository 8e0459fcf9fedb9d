import type { Page } from '#common';
import { type AuditEvent, type Db, keysetPage, newestFirst, type Prisma } from '#database';

export interface AuditQuery {
  limit: number;
  cursor?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  since?: Date;
}

const NEWEST_FIRST = newestFirst<AuditEvent>('at', (row) => row.at);

/**
 * Reading the audit log. Entries are written by `recordAudit` (#database),
 * in the transaction of the change they record.
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
};
