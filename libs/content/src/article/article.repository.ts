import type { Page } from '#common';
import { type Db, keysetPage, newestFirst, Prisma } from '#database';
import type { ArticleStatus } from '../workflow/workflow.js';
import { ARTICLE_INCLUDE, type ArticleRow, toArticleView } from './article.mapper.js';
import type { ArticleContent, ArticleListQuery, ArticleView } from './article.types.js';
import { mediaIdsUsedBy } from './media-use.js';

/** The columns a use case needs to check access to an article without loading it whole. */
export interface ArticleBrief {
  id: string;
  createdById: string | null;
  lockedById: string | null;
  liveRevision: number | null;
  previewEpoch: number;
  translationGroupId: string;
}

/** The workflow's columns: what a transition, a publish or the scheduler changes on the article row. */
export interface ArticleStateChange {
  status?: ArticleStatus;
  publishAt?: Date | null;
  liveRevision?: number | null;
  publishedAt?: Date;
  firstPublishedAt?: Date;
  publicUpdatedAt?: Date | null;
  publishAttempts?: number;
  lastPublishError?: string | null;
  nextPublishAttemptAt?: Date | null;
}

/** What a content edit writes besides the content: `assigneeId` undefined leaves the assignee. */
export interface ArticleEdit {
  content?: ArticleContent;
  assigneeId?: string | null;
  status: ArticleStatus;
  currentRevision: number;
  at: Date;
}

const BRIEF_SELECT = {
  id: true,
  createdById: true,
  lockedById: true,
  liveRevision: true,
  previewEpoch: true,
  translationGroupId: true,
} as const satisfies Prisma.ArticleSelect;

const NEWEST_FIRST = newestFirst<ArticleRow>('modifiedAt', (row) => row.modifiedAt);

/**
 * The article aggregate's rows: the working copy, its links (tags, authors,
 * related, media in use), its soft lock and workflow columns. The only code
 * that reads or writes them; revisions, comments and the live snapshot have
 * their own repositories.
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

  async findBrief(db: Db, id: string): Promise<ArticleBrief | null> {
    return db.article.findUnique({ where: { id }, select: BRIEF_SELECT });
  },

  /**
   * One page of the admin list, newest change first. `createdById` limits it
   * to one person's articles (what a contributor may see).
   */
  async page(db: Db, query: ArticleListQuery, createdById?: string): Promise<Page<ArticleView>> {
    return keysetPage<ArticleRow, ArticleView, Prisma.ArticleWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: NEWEST_FIRST,
      filters: [
        createdById !== undefined && { createdById },
        !!query.status && { status: query.status },
        !!query.section && { sectionId: query.section },
        !!query.tag && { tags: { some: { tagId: query.tag } } },
        !!query.author && { authors: { some: { authorId: query.author } } },
        !!query.assignee && { assigneeId: query.assignee },
        !!query.createdBy && { createdById: query.createdBy },
        !!query.locale && { locale: query.locale },
        !!query.kind && { kind: query.kind },
        !!query.q && { OR: [{ headline: { contains: query.q, mode: 'insensitive' } }, { standfirst: { contains: query.q, mode: 'insensitive' } }] },
      ],
      find: (args) => db.article.findMany({ ...args, include: ARTICLE_INCLUDE }),
      map: (row) => toArticleView(row),
    });
  },

  async insert(
    db: Db,
    article: { content: ArticleContent; locale: string; translationGroupId: string; createdById: string | null; assigneeId: string | null },
  ): Promise<string> {
    const { content, ...rest } = article;
    const row = await db.article.create({ data: { ...articleRepository.columns(content), ...rest }, select: { id: true } });
    return row.id;
  },

  /** Writes an edit (content, assignee or both) and takes the next version. */
  async saveEdit(db: Db, id: string, edit: ArticleEdit): Promise<void> {
    await db.article.update({
      where: { id },
      data: {
        ...(edit.content ? articleRepository.columns(edit.content) : {}),
        ...(edit.assigneeId !== undefined ? { assigneeId: edit.assigneeId } : {}),
        status: edit.status,
        currentRevision: edit.currentRevision,
        version: { increment: 1 },
        modifiedAt: edit.at,
      },
    });
  },

  /** Sets workflow columns; with `touchedAt`, the change also takes the next version. */
  async setState(db: Db, id: string, change: ArticleStateChange, touchedAt?: Date): Promise<void> {
    await db.article.update({ where: { id }, data: { ...change, ...(touchedAt ? { version: { increment: 1 }, modifiedAt: touchedAt } : {}) } });
  },

  /** The article changed (a transition, a scheduled publish, expiry): it takes the next version. */
  async touch(db: Db, id: string, at: Date): Promise<void> {
    await db.article.update({ where: { id }, data: { version: { increment: 1 }, modifiedAt: at } });
  },

  async setLock(db: Db, id: string, lock: { userId: string; since: Date | null; expiresAt: Date }): Promise<void> {
    await db.article.update({ where: { id }, data: { lockedById: lock.userId, lockedAt: lock.since, lockExpiresAt: lock.expiresAt } });
  },

  /** Clears the soft lock if `heldBy` still holds it (null: if nobody does). */
  async releaseLock(db: Db, id: string, heldBy: string | null): Promise<void> {
    await db.article.updateMany({ where: { id, lockedById: heldBy }, data: { lockedById: null, lockedAt: null, lockExpiresAt: null } });
  },

  /** Raises the article's preview epoch, ending every preview token issued before; returns the new epoch. */
  async raisePreviewEpoch(db: Db, id: string): Promise<number> {
    const { previewEpoch } = await db.article.update({ where: { id }, data: { previewEpoch: { increment: 1 } }, select: { previewEpoch: true } });
    return previewEpoch;
  },

  /** The article's preview epoch (raised to revoke its preview links), or null when there is no such article. */
  async previewEpoch(db: Db, id: string): Promise<number | null> {
    const row = await db.article.findUnique({ where: { id }, select: { previewEpoch: true } });
    return row ? row.previewEpoch : null;
  },

  /** True when the working copy uses the asset (article_media_use holds lead, audio, og image and body media, kept by every save). */
  async usesMedia(db: Db, id: string, mediaId: string): Promise<boolean> {
    const use = await db.articleMediaUse.findUnique({ where: { articleId_mediaId: { articleId: id, mediaId } }, select: { mediaId: true } });
    return !!use;
  },

  /** Slugs in `locale` that start with `base` (to find a free one). */
  async slugsStartingWith(db: Db, locale: string, base: string): Promise<Set<string>> {
    const rows = await db.article.findMany({ where: { locale, slug: { startsWith: base } }, select: { slug: true } });
    return new Set(rows.map((row) => row.slug));
  },

  async newTranslationGroup(db: Db): Promise<string> {
    return (await db.translationGroup.create({ data: {} })).id;
  },

  /** True when the story already has an edition in `locale`. */
  async hasEdition(db: Db, translationGroupId: string, locale: string): Promise<boolean> {
    return !!(await db.article.findFirst({ where: { translationGroupId, locale }, select: { id: true } }));
  },

  /** Replaces the link rows to match `content`. */
  async writeLinks(db: Db, articleId: string, content: ArticleContent): Promise<void> {
    // One connection per transaction: these run one after another.
    await db.articleTag.deleteMany({ where: { articleId } });
    await db.articleAuthor.deleteMany({ where: { articleId } });
    await db.articleRelation.deleteMany({ where: { articleId } });
    await db.articleMediaUse.deleteMany({ where: { articleId } });
    await db.articleTag.createMany({ data: unique(content.tagIds).map((tagId, position) => ({ articleId, tagId, position })) });
    await db.articleAuthor.createMany({ data: unique(content.authorIds).map((authorId, position) => ({ articleId, authorId, position })) });
    await db.articleRelation.createMany({ data: unique(content.relatedArticleIds).map((relatedId, position) => ({ articleId, relatedId, position })) });
    await db.articleMediaUse.createMany({ data: mediaIdsUsedBy(content).map((mediaId) => ({ articleId, mediaId })) });
  },

  /** The locale of each of `ids` that is an article. */
  async locales(db: Db, ids: string[]): Promise<Map<string, string>> {
    const rows = await db.article.findMany({ where: { id: { in: ids } }, select: { id: true, locale: true } });
    return new Map(rows.map((row) => [row.id, row.locale]));
  },

  /** Those of `ids` that are articles. */
  async existingIds(db: Db, ids: string[]): Promise<Set<string>> {
    const rows = await db.article.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
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

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
