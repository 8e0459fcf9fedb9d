import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { decodeCursor, DISPATCH_CONFIG, type DispatchConfig, DomainError, encodeCursor } from '#common';
import { PrismaService } from '#database';
import type { ArticleSummary, FullArticle, ImageRef } from './delivery.types.js';
import { MediaAccess } from './media-access.js';
import { MediaCache } from './media-cache.js';
import {
  type Composer,
  documentMediaIds,
  documentRelatedIds,
  type LiveDocumentRow,
  type LiveRow,
  soonest,
  summaryMediaIds,
  toFullArticle,
  toSummary,
  validUntil,
} from './representation.js';
import { TaxonomyCache } from './taxonomy-cache.js';

/** Another live language edition of an article. */
interface TranslationRow {
  locale: string;
  slug: string;
  section_id: string;
  expire_at: Date | null;
}

/** A live row for a sitemap page, with every live edition of its translation group (itself included). */
export interface SitemapRow {
  article_id: string;
  slug: string;
  locale: string;
  section_id: string;
  updated_at: Date;
  published_at: Date;
  headline: string;
  translation_group_id: string;
  expire_at: Date | null;
  editions: { locale: string; slug: string; section_id: string; expire_at: Date | null }[];
}

export interface ListFilter {
  locale?: string;
  sectionId?: string;
  tagId?: string;
  authorId?: string;
  kind?: string;
  since?: Date;
  cursor?: string;
  limit: number;
}

export interface ListResult {
  data: ArticleSummary[];
  nextCursor: string | null;
  /** What the rows depend on, for Surrogate-Key. */
  articleIds: string[];
  /** Epoch ms when this result goes stale by itself (an expiry inside it). */
  validUntil?: number;
}

const LIVE = '(expire_at IS NULL OR expire_at > now())';
const LIST_COLUMNS = 'article_id, summary, section_id, tag_ids, author_ids, published_at, expire_at';

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
    const where = [LIVE];
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (filter.locale) where.push(`locale = ${param(filter.locale)}`);
    if (filter.sectionId) where.push(`section_ids @> ARRAY[${param(filter.sectionId)}::uuid]`);
    if (filter.tagId) where.push(`tag_ids @> ARRAY[${param(filter.tagId)}::uuid]`);
    if (filter.authorId) where.push(`author_ids @> ARRAY[${param(filter.authorId)}::uuid]`);
    if (filter.kind) where.push(`kind = ${param(filter.kind)}::article_kind`);
    if (filter.since) where.push(`published_at >= ${param(filter.since)}`);
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor, ['date', 'uuid']) as [string, string];
      where.push(`(published_at, article_id) < (${param(new Date(at))}, ${param(id)}::uuid)`);
    }
    const text = `SELECT ${LIST_COLUMNS} FROM published_article WHERE ${where.join(' AND ')} ORDER BY published_at DESC, article_id DESC LIMIT ${param(filter.limit + 1)}`;
    const rows = await this.query<LiveRow>(text, values);
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
    // The live translations come in the same round trip: one query per article page.
    // The document holds every summary field, so the summary column is not read twice.
    const [found] = await this.query<Omit<LiveDocumentRow, 'summary'> & { translations: (Omit<TranslationRow, 'expire_at'> & { expire_at: string | null })[] }>(
      `SELECT article_id, section_id, tag_ids, author_ids, published_at, expire_at, document, translation_group_id, etag,
         (SELECT coalesce(json_agg(json_build_object('locale', t.locale, 'slug', t.slug, 'section_id', t.section_id, 'expire_at', t.expire_at) ORDER BY t.locale), '[]')
          FROM published_article t
          WHERE t.translation_group_id = published_article.translation_group_id AND t.article_id <> published_article.article_id
            AND (t.expire_at IS NULL OR t.expire_at > now())) AS translations
       FROM published_article WHERE slug = $1 AND locale = $2 AND ${LIVE}`,
      [slug, locale],
    );
    if (!found) return this.elsewhere(slug, locale);
    const { translations, ...rest } = found;
    const row: LiveDocumentRow = { ...rest, summary: rest.document };
    return {
      row,
      ...(await this.composeLive(
        row,
        translations.map((t) => ({ ...t, expire_at: t.expire_at ? new Date(t.expire_at) : null })),
      )),
    };
  }

  /**
   * A slug not live in `locale`. Asked in the default locale (what a request
   * without ?locale= resolves to), a slug live in exactly one other language
   * answers with that edition, so a language edition works on its own slug;
   * otherwise the 404 names the locales where the slug is live (`locales`).
   */
  private async elsewhere(slug: string, locale: string): Promise<Awaited<ReturnType<DeliveryReader['article']>>> {
    const editions = (await this.query<{ locale: string }>(`SELECT locale FROM published_article WHERE slug = $1 AND ${LIVE} ORDER BY locale`, [slug])).map(
      (row) => row.locale,
    );
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
      relatedIds.length
        ? this.query<LiveRow>(`SELECT ${LIST_COLUMNS} FROM published_article WHERE article_id = ANY($1::uuid[]) AND ${LIVE}`, [relatedIds])
        : [],
      knownTranslations ??
        this.query<TranslationRow>(
          `SELECT locale, slug, section_id, expire_at FROM published_article WHERE translation_group_id = $1 AND article_id <> $2 AND ${LIVE} ORDER BY locale`,
          [row.translation_group_id, row.article_id],
        ),
    ]);
    const mediaIds = [...documentMediaIds(row.document), ...summaryMediaIds(related)];
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
    const rows = await this.query<LiveRow & { rank: number; snippet: string }>(
      `WITH q AS (SELECT websearch_to_tsquery($1::regconfig, $2) AS query)
       SELECT ${LIST_COLUMNS}, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_vector, q.query) AS rank,
         ts_headline($1::regconfig, left(search_text, 20000), q.query, 'MaxFragments=2, MinWords=6, MaxWords=24, FragmentDelimiter= … , StartSel=<mark>, StopSel=</mark>') AS snippet
       FROM published_article, q
       WHERE locale = $3 AND search_vector @@ q.query AND ${LIVE}
       ORDER BY rank DESC, published_at DESC, article_id DESC
       OFFSET $4 LIMIT $5`,
      [config, q, locale, offset, limit + 1],
    );
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
    const [collection] = await this.query<{ id: string; slug: string; locale: string; name: string; description: string; updated_at: Date }>(
      'SELECT id, slug, locale, name, description, updated_at FROM collection WHERE slug = $1 AND locale = $2',
      [slug, locale],
    );
    if (!collection) return null;
    const rows = await this.query<LiveRow & { label: string | null }>(
      `SELECT p.article_id, p.summary, p.section_id, p.tag_ids, p.author_ids, p.published_at, p.expire_at, i.label
       FROM collection_item i JOIN published_article p ON p.article_id = i.article_id
       WHERE i.collection_id = $1 AND (p.expire_at IS NULL OR p.expire_at > now())
       ORDER BY i.position`,
      [collection.id],
    );
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
    const rows = await this.query<
      Omit<SitemapRow, 'editions'> & { editions: (Omit<SitemapRow['editions'][number], 'expire_at'> & { expire_at: string | null })[] }
    >(
      `WITH page AS (
         SELECT article_id, slug, locale, section_id, updated_at, published_at, headline, translation_group_id, expire_at FROM published_article
         WHERE ${LIVE} ORDER BY published_at ASC, article_id ASC OFFSET $1 LIMIT $2)
       SELECT page.*,
         (SELECT coalesce(json_agg(json_build_object('locale', t.locale, 'slug', t.slug, 'section_id', t.section_id, 'expire_at', t.expire_at) ORDER BY t.locale), '[]')
          FROM published_article t
          WHERE t.translation_group_id = page.translation_group_id AND (t.expire_at IS NULL OR t.expire_at > now())) AS editions
       FROM page ORDER BY published_at ASC, article_id ASC`,
      [(page - 1) * pageSize, pageSize],
    );
    return rows.map((row) => ({ ...row, editions: row.editions.map((e) => ({ ...e, expire_at: e.expire_at ? new Date(e.expire_at) : null })) }));
  }

  /** How many articles are live, and when the next of them expires (if any does). */
  async liveCount(): Promise<{ count: number; validUntil?: number }> {
    const [row] = await this.query<{ n: number; next: Date | null }>(
      `SELECT count(*)::int AS n, min(expire_at) AS next FROM published_article WHERE ${LIVE}`,
      [],
    );
    return { count: row?.n ?? 0, validUntil: soonest(Date.now(), row?.next?.getTime()) };
  }

  /** Runs a read as a named prepared statement (parsed once per connection). */
  async query<T>(text: string, values: unknown[]): Promise<T[]> {
    const name = `d_${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
    const result = await this.prisma.pool.query({ name, text, values });
    return result.rows as T[];
  }
}
