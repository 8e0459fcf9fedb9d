import { createHash } from 'node:crypto';
import { decodeCursor } from '#common';
import type { Sql } from '#database';
import type { Block } from '../article/blocks.js';
import type { LiveDocumentRow, LiveRow } from './representation.js';

/** Another live language edition of an article. */
export interface TranslationRow {
  locale: string;
  slug: string;
  section_id: string;
  expire_at: Date | null;
}

/** An edition as json_agg returns it: timestamps are still strings. */
type JsonTranslation = Omit<TranslationRow, 'expire_at'> & { expire_at: string | null };

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

/** A curated list's own row. */
export interface CollectionRow {
  id: string;
  slug: string;
  locale: string;
  name: string;
  description: string;
  updated_at: Date;
}

/** A change logged in content_change (what went live or came down). */
export interface ChangeRow {
  seq: string;
  article_id: string;
  op: string;
  slug: string;
  locale: string;
}

const LIVE = '(expire_at IS NULL OR expire_at > now())';
const LIST_COLUMNS = 'article_id, summary, section_id, tag_ids, author_ids, published_at, expire_at';
const DB_NOW_MS = 'floor(extract(epoch FROM now()) * 1000)::bigint::text';

/**
 * The live read model (published_article, and the collection and change
 * log tables beside it) — never working copies. Every read is one query,
 * run as a named prepared statement; lists that return `limit + 1` rows
 * let the caller tell whether more follow.
 */
export const publishedArticleRepository = {
  /** Live summaries, newest first, after the cursor: `filter.limit + 1` rows at most. */
  async list(sql: Sql, filter: ListFilter): Promise<LiveRow[]> {
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
    return read<LiveRow>(sql, text, values);
  },

  /**
   * One live article by slug and language, with its live translations in the
   * same round trip. The document holds every summary field, so the summary
   * column is not read twice.
   */
  async bySlug(sql: Sql, slug: string, locale: string): Promise<{ row: LiveDocumentRow; translations: TranslationRow[] } | null> {
    const [found] = await read<Omit<LiveDocumentRow, 'summary'> & { translations: JsonTranslation[] }>(
      sql,
      `SELECT article_id, section_id, tag_ids, author_ids, published_at, expire_at, document, translation_group_id, etag,
         (SELECT coalesce(json_agg(json_build_object('locale', t.locale, 'slug', t.slug, 'section_id', t.section_id, 'expire_at', t.expire_at) ORDER BY t.locale), '[]')
          FROM published_article t
          WHERE t.translation_group_id = published_article.translation_group_id AND t.article_id <> published_article.article_id
            AND (t.expire_at IS NULL OR t.expire_at > now())) AS translations
       FROM published_article WHERE slug = $1 AND locale = $2 AND ${LIVE}`,
      [slug, locale],
    );
    if (!found) return null;
    const { translations, ...rest } = found;
    return { row: { ...rest, summary: rest.document }, translations: translations.map(withDate) };
  },

  /** The languages a slug is live in. */
  async liveLocalesOf(sql: Sql, slug: string): Promise<string[]> {
    return (await read<{ locale: string }>(sql, `SELECT locale FROM published_article WHERE slug = $1 AND ${LIVE} ORDER BY locale`, [slug])).map(
      (row) => row.locale,
    );
  },

  /** Live summaries of these articles (any order; the ones not live are left out). */
  async liveRows(sql: Sql, articleIds: string[]): Promise<LiveRow[]> {
    return read<LiveRow>(sql, `SELECT ${LIST_COLUMNS} FROM published_article WHERE article_id = ANY($1::uuid[]) AND ${LIVE}`, [articleIds]);
  },

  /** The other live editions of a translation group. */
  async translations(sql: Sql, translationGroupId: string, articleId: string): Promise<TranslationRow[]> {
    return read<TranslationRow>(
      sql,
      `SELECT locale, slug, section_id, expire_at FROM published_article WHERE translation_group_id = $1 AND article_id <> $2 AND ${LIVE} ORDER BY locale`,
      [translationGroupId, articleId],
    );
  },

  /** Full-text search in one language, ranked headline > standfirst > body, with highlighted snippets. */
  async search(sql: Sql, config: string, q: string, locale: string, offset: number, limit: number): Promise<(LiveRow & { rank: number; snippet: string })[]> {
    return read<LiveRow & { rank: number; snippet: string }>(
      sql,
      `WITH q AS (SELECT websearch_to_tsquery($1::regconfig, $2) AS query)
       SELECT ${LIST_COLUMNS}, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_vector, q.query) AS rank,
         ts_headline($1::regconfig, left(search_text, 20000), q.query, 'MaxFragments=2, MinWords=6, MaxWords=24, FragmentDelimiter= … , StartSel=<mark>, StopSel=</mark>') AS snippet
       FROM published_article, q
       WHERE locale = $3 AND search_vector @@ q.query AND ${LIVE}
       ORDER BY rank DESC, published_at DESC, article_id DESC
       OFFSET $4 LIMIT $5`,
      [config, q, locale, offset, limit],
    );
  },

  async collection(sql: Sql, slug: string, locale: string): Promise<CollectionRow | undefined> {
    const [collection] = await read<CollectionRow>(
      sql,
      'SELECT id, slug, locale, name, description, updated_at FROM collection WHERE slug = $1 AND locale = $2',
      [slug, locale],
    );
    return collection;
  },

  /** A collection's live items in order. */
  async collectionItems(sql: Sql, collectionId: string): Promise<(LiveRow & { label: string | null })[]> {
    return read<LiveRow & { label: string | null }>(
      sql,
      `SELECT p.article_id, p.summary, p.section_id, p.tag_ids, p.author_ids, p.published_at, p.expire_at, i.label
       FROM collection_item i JOIN published_article p ON p.article_id = i.article_id
       WHERE i.collection_id = $1 AND (p.expire_at IS NULL OR p.expire_at > now())
       ORDER BY i.position`,
      [collectionId],
    );
  },

  /** A sitemap page of live rows by publish time, each with its group's live editions, in the same round trip. */
  async sitemapPage(sql: Sql, offset: number, limit: number): Promise<SitemapRow[]> {
    const rows = await read<Omit<SitemapRow, 'editions'> & { editions: JsonTranslation[] }>(
      sql,
      `WITH page AS (
         SELECT article_id, slug, locale, section_id, updated_at, published_at, headline, translation_group_id, expire_at FROM published_article
         WHERE ${LIVE} ORDER BY published_at ASC, article_id ASC OFFSET $1 LIMIT $2)
       SELECT page.*,
         (SELECT coalesce(json_agg(json_build_object('locale', t.locale, 'slug', t.slug, 'section_id', t.section_id, 'expire_at', t.expire_at) ORDER BY t.locale), '[]')
          FROM published_article t
          WHERE t.translation_group_id = page.translation_group_id AND (t.expire_at IS NULL OR t.expire_at > now())) AS editions
       FROM page ORDER BY published_at ASC, article_id ASC`,
      [offset, limit],
    );
    return rows.map((row) => ({ ...row, editions: row.editions.map(withDate) }));
  },

  /** How many articles are live, and when the next of them expires. */
  async liveCount(sql: Sql): Promise<{ n: number; next: Date | null } | undefined> {
    const [row] = await read<{ n: number; next: Date | null }>(
      sql,
      `SELECT count(*)::int AS n, min(expire_at) AS next FROM published_article WHERE ${LIVE}`,
      [],
    );
    return row;
  },

  /** The body blocks of these live articles. */
  async bodies(sql: Sql, articleIds: string[]): Promise<{ article_id: string; body: Block[] }[]> {
    return read<{ article_id: string; body: Block[] }>(
      sql,
      `SELECT article_id, document->'body' AS body FROM published_article WHERE article_id = ANY($1::uuid[]) AND ${LIVE}`,
      [articleIds],
    );
  },

  /** The newest update on each sitemap page (paged as sitemapPage pages). */
  async sitemapPageLastmods(sql: Sql, pageSize: number): Promise<{ page: number; lastmod: Date }[]> {
    return read<{ page: number; lastmod: Date }>(
      sql,
      `SELECT page, max(updated_at) AS lastmod FROM (
           SELECT ((row_number() OVER (ORDER BY published_at ASC, article_id ASC)) - 1) / $1 AS page, updated_at FROM published_article WHERE ${LIVE}) p
         GROUP BY page ORDER BY page`,
      [pageSize],
    );
  },

  /** Live count, next expiry, and the newest update among articles published since `newsSince`. */
  async liveSummary(sql: Sql, newsSince: Date): Promise<{ n: number; next: Date | null; news: Date | null } | undefined> {
    const [row] = await read<{ n: number; next: Date | null; news: Date | null }>(
      sql,
      `SELECT count(*)::int AS n, min(expire_at) AS next, max(updated_at) FILTER (WHERE published_at >= $1) AS news FROM published_article WHERE ${LIVE}`,
      [newsSince],
    );
    return row;
  },

  /** Live rows by id after `after` (the sync walk): `take` rows at most. */
  async liveRowsById(sql: Sql, after: string | null, take: number): Promise<LiveRow[]> {
    return read<LiveRow>(
      sql,
      `SELECT ${LIST_COLUMNS} FROM published_article
       WHERE ${LIVE} ${after ? 'AND article_id > $2::uuid' : ''}
       ORDER BY article_id LIMIT $1`,
      after ? [take, after] : [take],
    );
  },

  /** Logged changes after `seq`, oldest first: `take` at most. */
  async changesSince(sql: Sql, seq: string, take: number): Promise<ChangeRow[]> {
    return read<ChangeRow>(sql, 'SELECT seq::text, article_id, op, slug, locale FROM content_change WHERE seq > $1::bigint ORDER BY seq LIMIT $2', [seq, take]);
  },

  /**
   * Rows expired since `atMs` (epoch ms) and not yet taken down by the
   * expiry job (which logs a change when it does), with the database's clock.
   */
  async expiredSince(sql: Sql, atMs: string): Promise<{ until: string; expired: { id: string; slug: string; locale: string }[] } | undefined> {
    const [row] = await read<{ until: string; expired: { id: string; slug: string; locale: string }[] }>(
      sql,
      `SELECT ${DB_NOW_MS} AS until,
           coalesce(json_agg(json_build_object('id', article_id, 'slug', slug, 'locale', locale) ORDER BY expire_at, article_id), '[]') AS expired
         FROM published_article WHERE expire_at > to_timestamp($1::bigint / 1000.0) AND expire_at <= now()`,
      [atMs],
    );
    return row;
  },

  /** The newest change and the database's clock (epoch ms), read together. */
  async position(sql: Sql): Promise<{ seq: string; at: string } | undefined> {
    const [row] = await read<{ seq: string; at: string }>(sql, `SELECT coalesce(max(seq), 0)::text AS seq, ${DB_NOW_MS} AS at FROM content_change`, []);
    return row;
  },
};

/** Runs a read as a named prepared statement (parsed once per connection). */
async function read<T>(sql: Sql, text: string, values: unknown[]): Promise<T[]> {
  const name = `d_${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
  const result = await sql.query({ name, text, values });
  return result.rows as T[];
}

function withDate<T extends { expire_at: string | null }>(edition: T): Omit<T, 'expire_at'> & { expire_at: Date | null } {
  return { ...edition, expire_at: edition.expire_at ? new Date(edition.expire_at) : null };
}
