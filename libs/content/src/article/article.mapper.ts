import type { Prisma } from '#database';
import type { ArticleStatus } from '../workflow/workflow.js';
import type { Block } from './blocks.js';
import type { ArticleContent, ArticleView, Seo } from './article.types.js';

/** The article row with what the admin representation needs. */
export const ARTICLE_INCLUDE = {
  tags: { orderBy: { position: 'asc' } },
  authors: { orderBy: { position: 'asc' } },
  related: { orderBy: { position: 'asc' } },
  lockedBy: { select: { id: true, name: true } },
} as const satisfies Prisma.ArticleInclude;

export type ArticleRow = Prisma.ArticleGetPayload<{ include: typeof ARTICLE_INCLUDE }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function contentOf(row: ArticleRow): ArticleContent {
  return {
    kind: row.kind,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    body: row.body as unknown as Block[],
    sectionId: row.sectionId,
    tagIds: row.tags.map((link) => link.tagId),
    authorIds: row.authors.map((link) => link.authorId),
    leadMediaId: row.leadMediaId,
    relatedArticleIds: row.related.map((link) => link.relatedId),
    seo: row.seo as Seo,
    embargoUntil: iso(row.embargoUntil),
    publishAt: iso(row.publishAt),
    expireAt: iso(row.expireAt),
    audioMediaId: row.audioMediaId,
    episodeNumber: row.episodeNumber,
  };
}

export function toArticleView(row: ArticleRow, now = new Date()): ArticleView {
  const lockActive = row.lockedBy && row.lockedAt && row.lockExpiresAt && row.lockExpiresAt > now;
  return {
    id: row.id,
    locale: row.locale,
    translationGroupId: row.translationGroupId,
    ...contentOf(row),
    status: row.status as ArticleStatus,
    version: row.version,
    live:
      row.liveRevision !== null && row.publishedAt && row.firstPublishedAt
        ? {
            revision: row.liveRevision,
            publishedAt: row.publishedAt.toISOString(),
            firstPublishedAt: row.firstPublishedAt.toISOString(),
            updatedAt: (row.publicUpdatedAt ?? row.firstPublishedAt).toISOString(),
          }
        : null,
    hasUnpublishedChanges: row.liveRevision !== null && row.liveRevision !== row.currentRevision,
    currentRevision: row.currentRevision,
    createdBy: row.createdById,
    assigneeId: row.assigneeId,
    lock: lockActive
      ? { userId: row.lockedBy!.id, name: row.lockedBy!.name, since: row.lockedAt!.toISOString(), expiresAt: row.lockExpiresAt!.toISOString() }
      : null,
    publishFailure:
      row.publishAttempts > 0
        ? { attempts: row.publishAttempts, lastError: row.lastPublishError ?? '', nextAttemptAt: row.nextPublishAttemptAt?.toISOString() ?? null }
        : null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

/** Field-by-field differences between two contents (for revisions and compare). */
export function changedFields(before: Partial<ArticleContent>, after: Partial<ArticleContent>): (keyof ArticleContent)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof ArticleContent)[]);
  return [...keys].filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
}
