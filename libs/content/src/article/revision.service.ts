import { Injectable } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { type Actor, DomainError } from '#common';
import { PrismaService } from '#database';
import { assertCanSee } from './article-access.js';
import { changedFields } from './article.mapper.js';
import { articleRepository } from './article.repository.js';
import { ArticleService } from './article.service.js';
import type { ArticleContent, ArticleView } from './article.types.js';
import { revisionRepository } from './revision.repository.js';
import type { FieldChangeSchema, RevisionComparisonSchema, RevisionSchema, RevisionSummarySchema } from './revision.schema.js';

export type RevisionSummary = Static<typeof RevisionSummarySchema>;
export type RevisionView = Static<typeof RevisionSchema>;
export type FieldChange = Static<typeof FieldChangeSchema>;
export type RevisionComparison = Static<typeof RevisionComparisonSchema>;

/** Version history: immutable revisions, compare, restore (as a new revision). */
@Injectable()
export class RevisionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly articles: ArticleService,
  ) {}

  async list(actor: Actor, articleId: string): Promise<RevisionSummary[]> {
    const article = await this.visibleArticle(actor, articleId);
    const rows = await revisionRepository.list(this.prisma, articleId);
    return rows.map((row) => ({
      number: row.number,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdById,
      summary: row.summary,
      changedFields: row.changedFields as (keyof ArticleContent)[],
      live: row.number === article.liveRevision,
    }));
  }

  async get(actor: Actor, articleId: string, number: number): Promise<RevisionView> {
    const article = await this.visibleArticle(actor, articleId);
    const row = await revisionRepository.find(this.prisma, articleId, number);
    if (!row) throw DomainError.notFound('Revision');
    return {
      number: row.number,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdById,
      summary: row.summary,
      changedFields: row.changedFields as (keyof ArticleContent)[],
      live: row.number === article.liveRevision,
      content: row.content as unknown as ArticleContent,
    };
  }

  /** Field-by-field differences from revision `from` to revision `to`. */
  async compare(actor: Actor, articleId: string, from: number, to: number): Promise<RevisionComparison> {
    const [a, b] = await Promise.all([this.get(actor, articleId, from), this.get(actor, articleId, to)]);
    const changes = changedFields(a.content, b.content).map((field) => ({ field, from: a.content[field] ?? null, to: b.content[field] ?? null }));
    return { from, to, changes };
  }

  /** Makes revision `number`'s content the working copy again, as a new revision. */
  async restore(actor: Actor, articleId: string, number: number, expectedVersion: number): Promise<ArticleView> {
    const revision = await this.get(actor, articleId, number);
    return this.articles.update(actor, articleId, expectedVersion, revision.content);
  }

  private async visibleArticle(actor: Actor, articleId: string) {
    const article = await articleRepository.findBrief(this.prisma, articleId);
    if (!article) throw DomainError.notFound('Article');
    assertCanSee(actor, article);
    return article;
  }
}
