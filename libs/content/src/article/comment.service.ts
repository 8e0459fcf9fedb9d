import { Injectable } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { type Actor, DomainError } from '#common';
import { auditRepository, PrismaService, recordAudit } from '#database';
import { toAuditView, type AuditEventView } from '#auth';
import { assertCanSee } from './article-access.js';
import { ARTICLE_POLICY } from '../policy/access-policy.js';
import { enforce } from '../policy/policy-enforcement.js';
import { articleRepository } from './article.repository.js';
import { commentRepository } from './comment.repository.js';
import type { ArticleHistoryEntrySchema, COMMENT_KINDS, CommentSchema } from './comment.schema.js';

export type CommentView = Static<typeof CommentSchema>;
type CommentKind = (typeof COMMENT_KINDS)[number];

// History entries are audit events: the schema names the same fields.
true satisfies keyof AuditEventView extends keyof Static<typeof ArticleHistoryEntrySchema>
  ? keyof Static<typeof ArticleHistoryEntrySchema> extends keyof AuditEventView
    ? true
    : never
  : never;

/** The newsroom's conversation around a story: notes, and the history of what happened to it. */
@Injectable()
export class CommentService {
  constructor(private readonly prisma: PrismaService) {}

  async list(actor: Actor, articleId: string): Promise<CommentView[]> {
    await this.assertVisible(actor, articleId);
    const rows = await commentRepository.list(this.prisma, articleId);
    return rows.map((row) => ({
      id: row.id,
      body: row.body,
      kind: row.kind as CommentKind,
      authorId: row.authorId,
      authorName: row.author?.name ?? null,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async add(actor: Actor, articleId: string, body: string): Promise<CommentView> {
    const article = await articleRepository.findBrief(this.prisma, articleId);
    if (!article) throw DomainError.notFound('Article');
    enforce(ARTICLE_POLICY.comment(actor, article));
    return this.prisma.$transaction(async (tx) => {
      const row = await commentRepository.add(tx, { articleId, authorId: actor.userId, body: body.trim(), kind: 'note' });
      await recordAudit(tx, actor, { action: 'article.commented', entityType: 'article', entityId: articleId, data: { commentId: row.id } });
      return { id: row.id, body: row.body, kind: 'note', authorId: row.authorId, authorName: actor.name, createdAt: row.createdAt.toISOString() };
    });
  }

  /** Transitions and edits of one article, oldest first, from the audit log. */
  async history(actor: Actor, articleId: string): Promise<AuditEventView[]> {
    await this.assertVisible(actor, articleId);
    const rows = await auditRepository.history(this.prisma, 'article', articleId);
    return rows.map(toAuditView);
  }

  private async assertVisible(actor: Actor, articleId: string): Promise<void> {
    const article = await articleRepository.findBrief(this.prisma, articleId);
    if (!article) throw DomainError.notFound('Article');
    assertCanSee(actor, article);
  }
}
