import type { Actor } from '#common';
import { type Db, Prisma } from '#database';
import { ARTICLE_INCLUDE, type ArticleRow } from './article.mapper.js';
import type { ArticleContent } from './article.types.js';
import { blockMediaIds } from './blocks.js';

/**
 * The article's rows beyond the article table: links (tags, authors,
 * related), media in use, and immutable revisions.
 */
export const articleRepository = {
  async load(db: Db, id: string): Promise<ArticleRow | null> {
    return db.article.findUnique({ where: { id }, include: ARTICLE_INCLUDE });
  },

  /** Loads the article and locks its row until the transaction ends. */
  async loadForUpdate(db: Db, id: string): Promise<ArticleRow | null> {
    const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM article WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length ? articleRepository.load(db, id) : null;
  },

  /** Replaces the link rows to match `content`. */
  async writeLinks(db: Db, articleId: string, content: ArticleContent): Promise<void> {
    // One connection per transaction: these run one after another.
    await db.articleTag.deleteMany({ where: { articleId } });
    await db.articleAuthor.deleteMany({ where: { articleId } });
    await db.articleRelation.deleteMany({ where: { articleId } });
    await db.articleMediaUse.deleteMany({ where: { articleId } });
    const media = new Set(
      [content.leadMediaId, content.audioMediaId, content.seo.ogImageMediaId, ...blockMediaIds(content.body)].filter((id): id is string => !!id),
    );
    await db.articleTag.createMany({ data: unique(content.tagIds).map((tagId, position) => ({ articleId, tagId, position })) });
    await db.articleAuthor.createMany({ data: unique(content.authorIds).map((authorId, position) => ({ articleId, authorId, position })) });
    await db.articleRelation.createMany({ data: unique(content.relatedArticleIds).map((relatedId, position) => ({ articleId, relatedId, position })) });
    await db.articleMediaUse.createMany({ data: [...media].map((mediaId) => ({ articleId, mediaId })) });
  },

  async addRevision(db: Db, actor: Actor, articleId: string, number: number, content: ArticleContent, summary: string, changed: string[]): Promise<void> {
    await db.articleRevision.create({
      data: { articleId, number, content: content as unknown as Prisma.InputJsonValue, summary, changedFields: changed, createdById: actor.userId },
    });
  },

  /** Scalar columns of the article table for a content. */
  columns(content: ArticleContent) {
    return {
      kind: content.kind,
      slug: content.slug,
      headline: content.headline,
      standfirst: content.standfirst,
      body: content.body as unknown as Prisma.InputJsonValue,
      sectionId: content.sectionId,
      leadMediaId: content.leadMediaId,
      seo: content.seo as Prisma.InputJsonValue,
      embargoUntil: content.embargoUntil ? new Date(content.embargoUntil) : null,
      publishAt: content.publishAt ? new Date(content.publishAt) : null,
      expireAt: content.expireAt ? new Date(content.expireAt) : null,
      audioMediaId: content.audioMediaId,
      episodeNumber: content.episodeNumber,
    };
  },
};

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
