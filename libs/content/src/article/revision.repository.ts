import type { Actor } from '#common';
import type { Db, Prisma } from '#database';
import type { ArticleContent } from './article.types.js';

/** An article's immutable revisions: a full copy of its content at each save. */
export const revisionRepository = {
  async add(db: Db, actor: Actor, articleId: string, number: number, content: ArticleContent, summary: string, changed: string[]): Promise<void> {
    await db.articleRevision.create({
      data: { articleId, number, content: content as unknown as Prisma.InputJsonValue, summary, changedFields: changed, createdById: actor.userId },
    });
  },

  /** Every revision of the article without its content, newest first. */
  async list(db: Db, articleId: string) {
    return db.articleRevision.findMany({
      where: { articleId },
      orderBy: { number: 'desc' },
      select: { number: true, createdAt: true, createdById: true, summary: true, changedFields: true },
    });
  },

  async find(db: Db, articleId: string, number: number) {
    return db.articleRevision.findUnique({ where: { articleId_number: { articleId, number } } });
  },
};
