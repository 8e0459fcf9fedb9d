import type { ArticleKind } from '#database';
import type { Block } from '../articles/blocks.js';

/**
 * The live read model (table published_article). Publishing writes it in the
 * same transaction as the status change; unpublish and expiry delete it.
 * Delivery reads only this (plus taxonomy and media, resolved at read time so
 * a renamed tag, a corrected credit or expired rights show at once).
 *
 * Columns carry what lists filter on: section_id and section_ids (the section
 * and its ancestors), tag_ids, author_ids, media_ids, locale, slug, kind,
 * published_at. JSON carries the content.
 */
export interface SnapshotSummary {
  id: string;
  slug: string;
  locale: string;
  kind: ArticleKind;
  headline: string;
  standfirst: string;
  leadMediaId: string | null;
  episodeNumber: number | null;
  audioMediaId: string | null;
  publishedAt: string;
  firstPublishedAt: string;
  updatedAt: string;
}

export interface SnapshotDocument extends SnapshotSummary {
  revision: number;
  translationGroupId: string;
  body: Block[];
  relatedArticleIds: string[];
  seo: { title?: string; description?: string; canonicalUrl?: string; ogImageMediaId?: string };
  corrections: { text: string; at: string }[];
}
