import { Inject, Injectable } from '@nestjs/common';
import { type Actor, DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { type Db, emitEvent, type Prisma, recordAudit } from '#database';
import { contentOf, type ArticleRow } from '../article/article.mapper.js';
import { articleRepository, type ArticleStateChange } from '../article/article.repository.js';
import type { Block } from '../article/blocks.js';
import { mediaIdsUsedBy } from '../article/media-use.js';
import { collectionRepository } from '../collection/collection.repository.js';
import { sectionRepository } from '../taxonomy/section.repository.js';
import { MAX_NOTICE_MEDIA_IDS, notifyContentChange } from './content-notifications.js';
import { mediaUseChange } from './media-release.js';
import { articlePublicUrl, articleSurrogateKeys, surrogateKey } from './public-urls.js';
import { publishedArticleRepository } from './published-article.repository.js';
import { snapshotDocument, snapshotSummary } from './snapshot.js';
import type { ArticleStatus } from '../workflow/workflow.js';

/** Clears the bookkeeping of failed scheduled publishes: the story went live, or was scheduled afresh. */
export const NO_PUBLISH_FAILURE = { publishAttempts: 0, lastPublishError: null, nextPublishAttemptAt: null } as const satisfies ArticleStateChange;

export interface PublishOptions {
  /** The working copy's status once live: the workflow machine's target for the move. */
  status: ArticleStatus;
  correction?: string;
  significantUpdate?: boolean;
  now: Date;
}

export interface TakeDownOptions {
  /** The working copy's status once off the site: the workflow machine's target for the move. */
  status: ArticleStatus;
  reason: string;
  /** The audit action: an editor's unpublish, or the system's expiry. */
  auditAction?: string;
}

/**
 * Writes and removes the live read model (published_article). Always called
 * inside the transaction that changes the article's status, so the site and
 * the workflow never disagree, and with the outbox event in the same commit.
 */
@Injectable()
export class Publisher {
  constructor(@Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig) {}

  async publish(db: Db, actor: Actor, row: ArticleRow, options: PublishOptions): Promise<void> {
    const { now } = options;
    const content = contentOf(row);
    const wasLive = row.liveRevision !== null;
    const firstPublishedAt = row.firstPublishedAt ?? now;
    const publicUpdatedAt = wasLive && options.significantUpdate ? now : (row.publicUpdatedAt ?? null);
    const updatedAt = publicUpdatedAt ?? firstPublishedAt;

    if (options.correction) {
      await publishedArticleRepository.addCorrection(db, {
        articleId: row.id,
        text: options.correction,
        revision: row.currentRevision,
        createdById: actor.userId,
        at: now,
      });
    }
    const corrections = await publishedArticleRepository.corrections(db, row.id);
    const sectionIds = await sectionRepository.ancestry(db, content.sectionId!);

    const document = snapshotDocument(row, content, { publishedAt: firstPublishedAt, updatedAt }, corrections);
    const summary = snapshotSummary(document);
    const mediaIds = mediaIdsUsedBy(content);
    const columns = {
      revision: row.currentRevision,
      locale: row.locale,
      slug: content.slug,
      kind: content.kind,
      translationGroupId: row.translationGroupId,
      sectionId: content.sectionId!,
      sectionIds,
      tagIds: content.tagIds,
      authorIds: content.authorIds,
      mediaIds,
      headline: content.headline,
      publishedAt: firstPublishedAt,
      firstPublishedAt,
      updatedAt,
      expireAt: content.expireAt ? new Date(content.expireAt) : null,
      summary: summary as unknown as Prisma.InputJsonValue,
      document: document as unknown as Prisma.InputJsonValue,
      searchText: searchText(content.body),
      etag: `${row.id.slice(0, 8)}-${row.currentRevision}-${updatedAt.getTime().toString(36)}-${corrections.length}`,
    };
    const previous = await publishedArticleRepository.liveMediaUse(db, row.id);
    await publishedArticleRepository.upsert(db, row.id, columns);
    const media = await mediaUseChange(db, row.id, previous, { mediaIds, authorIds: content.authorIds });
    await publishedArticleRepository.indexForSearch(db, row.id, row.locale);
    await publishedArticleRepository.recordChange(db, { articleId: row.id, locale: row.locale, slug: content.slug, op: 'upsert' });
    await articleRepository.setState(db, row.id, {
      status: options.status,
      liveRevision: row.currentRevision,
      publishedAt: now,
      firstPublishedAt,
      publicUpdatedAt,
      publishAt: null,
      ...NO_PUBLISH_FAILURE,
    });
    await emitEvent(db, {
      type: wasLive ? 'article.updated' : 'article.published',
      data: await this.eventData(db, row.id, { ...columns, sectionId: content.sectionId! }, { correction: options.correction, releasedMedia: media.released }),
    });
    await recordAudit(db, actor, {
      action: wasLive ? 'article.republished' : 'article.published',
      entityType: 'article',
      entityId: row.id,
      data: {
        revision: row.currentRevision,
        ...(options.correction ? { correction: options.correction } : {}),
        significantUpdate: !!options.significantUpdate,
      },
    });
    await notifyContentChange(db, articleNotice(row.id, media.touched));
  }

  /** Takes an article off the site (unpublish, or expiry when `actor` is the system). */
  async unpublish(db: Db, actor: Actor, row: ArticleRow, { status, reason, auditAction = 'article.unpublished' }: TakeDownOptions): Promise<void> {
    const live = await publishedArticleRepository.find(db, row.id);
    let touched: string[] = [];
    if (live) {
      await publishedArticleRepository.remove(db, row.id);
      const media = await mediaUseChange(db, row.id, live, null);
      touched = media.touched;
      await publishedArticleRepository.recordChange(db, { articleId: row.id, locale: live.locale, slug: live.slug, op: 'delete' });
      await emitEvent(db, {
        type: 'article.unpublished',
        data: { ...(await this.eventData(db, row.id, live, { releasedMedia: media.released })), reason } as Prisma.InputJsonObject,
      });
    }
    await articleRepository.setState(db, row.id, { status, liveRevision: null });
    await recordAudit(db, actor, { action: auditAction, entityType: 'article', entityId: row.id, data: { reason } });
    await notifyContentChange(db, articleNotice(row.id, touched));
  }

  /**
   * What webhook receivers and CDN purge hooks need, with no further lookups;
   * the surrogate keys include every asset this change took off the site.
   */
  private async eventData(
    db: Db,
    articleId: string,
    live: {
      slug: string;
      locale: string;
      headline: string;
      revision: number;
      kind: string;
      sectionId: string;
      sectionIds: string[];
      tagIds: string[];
      authorIds: string[];
    },
    { correction, releasedMedia = [] }: { correction?: string; releasedMedia?: string[] } = {},
  ): Promise<Prisma.InputJsonObject> {
    const sectionSlug = await sectionRepository.slug(db, live.sectionId);
    const collectionIds = await collectionRepository.containing(db, articleId);
    const publicUrl = articlePublicUrl(this.config.site, { locale: live.locale, slug: live.slug, sectionSlug });
    return {
      article: { id: articleId, slug: live.slug, locale: live.locale, headline: live.headline, revision: live.revision, kind: live.kind },
      ...(correction ? { correction } : {}),
      urls: [publicUrl, `/content/v1/articles/${encodeURIComponent(live.slug)}?locale=${live.locale}`],
      surrogateKeys: [...articleSurrogateKeys({ id: articleId, ...live, collectionIds }), ...releasedMedia.map(surrogateKey.media)],
    };
  }
}

/** An article's change notice; it names the assets whose live use may have changed, unless they are too many for one NOTIFY. */
function articleNotice(id: string, touchedMedia: string[]) {
  return { kind: 'article' as const, id, ...(touchedMedia.length <= MAX_NOTICE_MEDIA_IDS ? { mediaIds: touchedMedia } : {}) };
}

/**
 * How much of a body is indexed for search, in characters. A tsvector holds
 * at most 1 MB of lexemes and positions; a prefix this long stays well
 * under that for any text (at most ~4 bytes per character), so no story
 * fails to publish for its length, and every word a reader searches for in
 * the first ~15,000 words is found.
 */
const SEARCH_TEXT_MAX = 100_000;

/** The body's plain text for search, bounded to SEARCH_TEXT_MAX characters at a word boundary. */
function searchText(body: Block[]): string {
  const text = body
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
        case 'quote':
          return block.text;
        case 'list':
          return block.items.join(' ');
        case 'image':
          return block.caption ?? '';
        default:
          return '';
      }
    })
    .join('\n')
    .replace(/\*\*|__|_|\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (text.length <= SEARCH_TEXT_MAX) return text;
  const cut = text.slice(0, SEARCH_TEXT_MAX + 1);
  const boundary = cut.search(/\s\S*$/);
  return boundary > SEARCH_TEXT_MAX - 200 ? cut.slice(0, boundary) : cut.slice(0, SEARCH_TEXT_MAX).replace(/[\uD800-\uDBFF]$/, '');
}
