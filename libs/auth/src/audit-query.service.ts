import { Injectable } from '@nestjs/common';
import { decodeCursor, type Page, toPage } from '#common';
import { PrismaService, type Prisma } from '#database';
import type { AuditEventView } from './auth.schema.js';

export type { AuditEventView };

export interface AuditQuery {
  limit: number;
  cursor?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  since?: Date;
}

/** Reads the audit log, newest first. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: AuditQuery): Promise<Page<AuditEventView>> {
    const after = query.cursor ? decodeCursor(query.cursor, ['date', 'uuid']) : undefined;
    const where: Prisma.AuditEventWhereInput = {
      ...(query.actor ? { actorId: query.actor } : {}),
      ...(query.entityType ? { entityType: query.entityType } : {}),
      ...(query.entityId ? { entityId: query.entityId } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.since ? { at: { gte: query.since } } : {}),
    };
    const rows = await this.prisma.auditEvent.findMany({
      where: after
        ? { AND: [where, { OR: [{ at: { lt: new Date(after[0] as string) } }, { at: new Date(after[0] as string), id: { lt: after[1] as string } }] }] }
        : where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => [row.at.toISOString(), row.id], toAuditView);
  }
}

export function toAuditView(row: {
  id: string;
  at: Date;
  actorId: string | null;
  actorType: string;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
}): AuditEventView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorType: row.actorType as AuditEventView['actorType'],
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data as AuditEventView['data'],
  };
}
