import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, type Page, type Role } from '#common';
import { PrismaService, recordAudit } from '#database';
import { apiTokenRepository } from './api-token.repository.js';
import type { ApiTokenView, CreatedApiTokenView } from './auth.schema.js';
import { API_TOKEN_PREFIX, hashToken, newToken } from './token.js';

export type { ApiTokenView, CreatedApiTokenView };

function toView(row: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdById: string | null;
}): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    createdById: row.createdById,
  };
}

/** API tokens for integrations: hashed at rest, shown once, revocable. */
@Injectable()
export class ApiTokenService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: { limit: number; cursor?: string }): Promise<Page<ApiTokenView>> {
    return apiTokenRepository.page(this.prisma, query, toView);
  }

  /** Creates a token; the value is in this response only. */
  async create(actor: Actor, input: { name: string; role: Role; expiresAt?: Date }): Promise<CreatedApiTokenView> {
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw DomainError.validation([{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const token = newToken(API_TOKEN_PREFIX);
    return this.prisma.$transaction(async (tx) => {
      const row = await apiTokenRepository.create(tx, {
        name: input.name.trim(),
        role: input.role,
        tokenHash: hashToken(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 4),
        expiresAt: input.expiresAt ?? null,
        createdById: actor.userId,
      });
      await recordAudit(tx, actor, { action: 'api_token.created', entityType: 'api_token', entityId: row.id, data: { name: row.name, role: row.role } });
      return { ...toView(row), token };
    });
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const row = await apiTokenRepository.find(tx, id);
      if (!row) throw DomainError.notFound('API token');
      if (row.revokedAt) return;
      await apiTokenRepository.revoke(tx, id, new Date());
      await recordAudit(tx, actor, { action: 'api_token.revoked', entityType: 'api_token', entityId: id, data: { name: row.name } });
    });
  }
}
