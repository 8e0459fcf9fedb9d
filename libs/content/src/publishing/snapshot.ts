import type { ArticleKind } from '#database';
import type { ArticleContent } from '../article/article.types.js';
import type { Block } from '../article/blocks.js';

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

/**
 * The snapshot's content for an article as it stands: what publishing
 * writes, and what a preview shows before anything is written.
 */
export function snapshotDocument(
  article: { id: string; locale: string; translationGroupId: string; currentRevision: number },
  content: ArticleContent,
  dates: { publishedAt: Date; updatedAt: Date },
  corrections: { text: string; at: Date }[],
): SnapshotDocument {
  return {
    id: article.id,
    slug: content.slug,
    locale: article.locale,
    kind: content.kind,
    headline: content.headline,
    standfirst: content.standfirst,
    leadMediaId: content.leadMediaId,
    episodeNumber: content.episodeNumber,
    audioMediaId: content.audioMediaId,
    publishedAt: dates.publishedAt.toISOString(),
    firstPublishedAt: dates.publishedAt.toISOString(),
    updatedAt: dates.updatedAt.toISOString(),
    revision: article.currentRevision,
    translationGroupId: article.translationGroupId,
    body: content.body,
    relatedArticleIds: content.relatedArticleIds,
    seo: content.seo,
    corrections: corrections.map((correction) => ({ text: correction.text, at: correction.at.toISOString() })),
  };
}

/** The list-sized part of a snapshot document. */
export function snapshotSummary(document: SnapshotDocument): SnapshotSummary {
  const { id, slug, locale, kind, headline, standfirst, leadMediaId, episodeNumber, audioMediaId, publishedAt, firstPublishedAt, updatedAt } = document;
  return { id, slug, locale, kind, headline, standfirst, leadMediaId, episodeNumber, audioMediaId, publishedAt, firstPublishedAt, updatedAt };
}
