import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, DISPATCH_CONFIG, type DispatchConfig, DomainError, encodeCursor } from '#common';
import { PrismaService } from '#database';
import type { ArticleSummary, FullArticle, ImageRef } from './delivery.types.js';
import { type ListFilter, publishedArticleRepository, type SitemapRow, type TranslationRow } from './published-article.repository.js';
import { MediaAccess } from './media-access.js';
import { MediaCache } from './media-cache.js';
import { type Composer, documentRelatedIds, type LiveDocumentRow, soonest, summaryMediaIds, toFullArticle, toSummary, validUntil } from './representation.js';
import { TaxonomyCache } from './taxonomy-cache.js';
import { mediaIdsUsedBy } from '../article/media-use.js';

export type { ListFilter, SitemapRow };

export interface ListResult {
  data: ArticleSummary[];
  nextCursor: string | null;
  /** What the rows depend on, for Surrogate-Key. */
  articleIds: string[];
  /** Epoch ms when this result goes stale by itself (an expiry inside it). */
  validUntil?: number;
}

/**
 * Reads the live read model (published_article) — never working copies — and
 * composes public representations. Every list is one indexed query; media
 * and taxonomy come from per-instance caches.
 */
@Injectable()
export class DeliveryReader {
  constructor(
    private readonly prisma: PrismaService,
    private readonly taxonomy: TaxonomyCache,
    readonly media: MediaCache,
    private readonly access: MediaAccess,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  get siteName(): string {
    return this.config.site.name;
  }

  async composer(): Promise<Composer> {
    return { taxonomy: await this.taxonomy.get(), media: this.media, site: this.config.site, now: Date.now() };
  }

  async list(filter: ListFilter): Promise<ListResult> {
    const rows = await publishedArticleRepository.list(this.prisma.pool, filter);
    const more = rows.length > filter.limit;
    const page = more ? rows.slice(0, filter.limit) : rows;
    await this.media.prime(summaryMediaIds(page));
    const composer = await this.composer();
    const last = page.at(-1);
    return {
      data: page.map((row) => toSummary(row, composer)),
      nextCursor: more && last ? encodeCursor([last.published_at.toISOString(), last.article_id]) : null,
      articleIds: page.map((row) => row.article_id),
      validUntil: validUntil(page, this.media, summaryMediaIds(page), composer.now),
    };
  }

  /**
   * One live article by slug and language, or null; `validUntil` is the first
   * expiry of anything it shows (itself, a Read-more card, a translation, any
   * image or audio, card images included). A slug that is not live in
   * `locale` but is in other languages: see `elsewhere`.
   */
  async article(slug: string, locale: string): Promise<{ article: FullArticle; row: LiveDocumentRow; validUntil?: number } | null> {
    const found = await publishedArticleRepository.bySlug(this.prisma.pool, slug, locale);
    if (!found) return this.elsewhere(slug, locale);
    return { row: found.row, ...(await this.composeLive(found.row, found.translations)) };
  }

  /**
   * A slug not live in `locale`. Asked in the default locale (what a request
   * without ?locale= resolves to), a slug live in exactly one other language
   * answers with that edition, so a language edition works on its own slug;
   * otherwise the 404 names the locales where the slug is live (`locales`).
   */
  private async elsewhere(slug: string, locale: string): Promise<Awaited<ReturnType<DeliveryReader['article']>>> {
    const editions = await publishedArticleRepository.liveLocalesOf(this.prisma.pool, slug);
    if (editions.length === 0 || editions.includes(locale)) return null;
    if (editions.length === 1 && locale === (await this.taxonomy.get()).defaultLocale) return this.article(slug, editions[0]!);
    throw new DomainError('not_found', `Article was not found in ${locale}; it is live in ${editions.join(', ')}`, { extensions: { locales: editions } });
  }

  /**
   * Composes a full article from a document row (live, or a preview of a
   * working copy); `translations` when the caller already read them.
   */
  async compose(row: LiveDocumentRow, knownTranslations?: TranslationRow[]): Promise<FullArticle> {
    return (await this.composeLive(row, knownTranslations)).article;
  }

  private async composeLive(row: LiveDocumentRow, knownTranslations?: TranslationRow[]): Promise<{ article: FullArticle; validUntil?: number }> {
    const relatedIds = documentRelatedIds(row.document);
    const [related, translations] = await Promise.all([
      relatedIds.length ? publishedArticleRepository.liveRows(this.prisma.pool, relatedIds) : [],
      knownTranslations ?? publishedArticleRepository.translations(this.prisma.pool, row.translation_group_id, row.article_id),
    ]);
    // The assets the document shows, by the same rule publishing recorded its media with.
    const mediaIds = [...mediaIdsUsedBy(row.document), ...summaryMediaIds(related)];
    await this.media.prime(mediaIds);
    const composer = await this.composer();
    const relatedMap = new Map(related.map((r) => [r.article_id, toSummary(r, composer)]));
    const article = toFullArticle(
      row,
      relatedMap,
      translations.map((t) => ({ locale: t.locale, slug: t.slug, sectionId: t.section_id })),
      composer,
      this.config.site.name,
    );
    return { article, validUntil: validUntil([row, ...related, ...translations], this.media, mediaIds, composer.now) };
  }

  /**
   * An author's photo for the byline page — shown only while live content
   * shows it (the author is on a live story), as delivery serves no other.
   */
  async authorPhoto(photoMediaId: string | null): Promise<{ image: ImageRef | null; validUntil?: number }> {
    if (!photoMediaId) return { image: null };
    const now = Date.now();
    const until = await this.access.liveUntil(photoMediaId, now);
    if (until === null) return { image: null };
    await this.media.prime([photoMediaId]);
    const ends = [until, this.media.expiresAt([photoMediaId], now)].filter((t): t is number => t !== undefined && t !== Infinity);
    return { image: this.media.image(photoMediaId, now), ...(ends.length ? { validUntil: Math.min(...ends) } : {}) };
  }

  /** Full-text search in one language, ranked headline > standfirst > body, with highlighted snippets. */
  async search(
    q: string,
    locale: string,
    limit: number,
    cursor?: string,
  ): Promise<{ data: (ArticleSummary & { rank: number; snippet: string })[]; nextCursor: string | null; articleIds: string[]; validUntil?: number }> {
    const offset = cursor ? (decodeCursor(cursor, ['int'])[0] as number) : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw DomainError.validation([{ path: 'cursor', message: 'not a valid cursor' }]);
    const config = (await this.taxonomy.get()).locales.get(locale)?.searchConfig ?? 'simple';
    const rows = await publishedArticleRepository.search(this.prisma.pool, config, q, locale, offset, limit + 1);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    await this.media.prime(summaryMediaIds(page));
    const composer = await this.composer();
    return {
      data: page.map((row) => ({ ...toSummary(row, composer), rank: Number(row.rank), snippet: row.snippet })),
      nextCursor: more ? encodeCursor([offset + limit]) : null,
      articleIds: page.map((row) => row.article_id),
      validUntil: validUntil(page, this.media, summaryMediaIds(page), composer.now),
    };
  }

  /** A curated list in order, live items only: an unpublished story drops out by itself. */
  async collection(slug: string, locale: string) {
    const collection = await publishedArticleRepository.collection(this.prisma.pool, slug, locale);
    if (!collection) return null;
    const rows = await publishedArticleRepository.collectionItems(this.prisma.pool, collection.id);
    await this.media.prime(summaryMediaIds(rows));
    const composer = await this.composer();
    return {
      collection,
      items: rows.map((row) => ({ ...(row.label ? { label: row.label } : {}), article: toSummary(row, composer) })),
      articleIds: rows.map((row) => row.article_id),
      validUntil: validUntil(rows, this.media, summaryMediaIds(rows), composer.now),
    };
  }

  /**
   * Live rows for sitemaps: slug, locale, section, dates; paged by publish
   * time. Each row carries its group's live editions, wherever they fall in
   * the paging, for hreflang alternates — in the same round trip.
   */
  async sitemapPage(page: number, pageSize: number): Promise<SitemapRow[]> {
    return publishedArticleRepository.sitemapPage(this.prisma.pool, (page - 1) * pageSize, pageSize);
  }

  /** How many articles are live, and when the next of them expires (if any does). */
  async liveCount(): Promise<{ count: number; validUntil?: number }> {
    const row = await publishedArticleRepository.liveCount(this.prisma.pool);
    return { count: row?.n ?? 0, validUntil: soonest(Date.now(), row?.next?.getTime()) };
  }
}
