import { Injectable } from '@nestjs/common';
import type { Page } from '#common';
import { type AuditQuery, auditRepository, PrismaService } from '#database';
import type { AuditEventView } from './auth.schema.js';

export type { AuditEventView, AuditQuery };

/** Reads the audit log, newest first. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: AuditQuery): Promise<Page<AuditEventView>> {
    return auditRepository.page(this.prisma, query, toAuditView);
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
