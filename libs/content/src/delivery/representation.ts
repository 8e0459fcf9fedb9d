import type { DispatchConfig } from '#common';
import type { Block } from '../article/blocks.js';
import { articlePublicUrl } from '../publishing/public-urls.js';
import type { SnapshotDocument, SnapshotSummary } from '../publishing/snapshot.js';
import type { JsonLd, JsonLdImage } from './delivery.schema.js';
import type { ArticleSummary, FullArticle, PublicBlock } from './delivery.types.js';
import { inlineSpans } from './inline-spans.js';
import type { MediaCache } from './media-cache.js';
import { localName, type TaxonomySnapshot } from './taxonomy-cache.js';

/** A live row as lists read it. */
export interface LiveRow {
  article_id: string;
  summary: SnapshotSummary;
  section_id: string;
  tag_ids: string[];
  author_ids: string[];
  published_at: Date;
  /** When the article leaves the site by itself (expiry), if ever. */
  expire_at?: Date | null;
}

export interface LiveDocumentRow extends LiveRow {
  document: SnapshotDocument;
  translation_group_id: string;
  etag: string;
}

export interface Composer {
  taxonomy: TaxonomySnapshot;
  media: MediaCache;
  site: DispatchConfig['site'];
  now: number;
}

/**
 * The moment a response built from these rows stops being true without any
 * change notice: the first article expiry (of the rows: articles, cards,
 * translations) or media rights expiry in it.
 */
export function validUntil(rows: { expire_at?: Date | null }[], media: MediaCache, mediaIds: string[], now = Date.now()): number | undefined {
  return soonest(now, media.expiresAt(mediaIds, now), ...rows.map((row) => row.expire_at?.getTime()));
}

/** The earliest of these future moments (epoch ms), if any. */
export function soonest(now: number, ...times: (number | undefined)[]): number | undefined {
  const future = times.filter((t): t is number => t !== undefined && t > now);
  return future.length ? Math.min(...future) : undefined;
}

export function summaryMediaIds(rows: LiveRow[]): string[] {
  return rows.flatMap((row) => [row.summary.leadMediaId, row.summary.audioMediaId].filter((id): id is string => !!id));
}

export function toSummary(row: LiveRow, c: Composer): ArticleSummary {
  const s = row.summary;
  const section = c.taxonomy.sections.get(row.section_id);
  const summary: ArticleSummary = {
    id: s.id,
    slug: s.slug,
    locale: s.locale,
    kind: s.kind,
    headline: s.headline,
    standfirst: s.standfirst,
    section: section ? { slug: section.slug, name: localName(section, s.locale) } : null,
    tags: row.tag_ids.flatMap((id) => {
      const tag = c.taxonomy.tags.get(id);
      return tag ? [{ slug: tag.slug, name: localName(tag, s.locale) }] : [];
    }),
    authors: row.author_ids.flatMap((id) => {
      const author = c.taxonomy.authors.get(id);
      return author ? [{ slug: author.slug, name: author.name }] : [];
    }),
    leadImage: c.media.card(s.leadMediaId, c.now),
    publishedAt: s.publishedAt,
    updatedAt: s.updatedAt,
    url: articlePublicUrl(c.site, { locale: s.locale, slug: s.slug, sectionSlug: section?.slug }),
  };
  if (s.kind === 'podcast_episode') summary.episode = { number: s.episodeNumber, audio: c.media.audio(s.audioMediaId, c.now) };
  return summary;
}

export function documentRelatedIds(doc: SnapshotDocument): string[] {
  return [...new Set([...doc.relatedArticleIds, ...doc.body.flatMap((block) => (block.type === 'related' ? [block.articleId] : []))])];
}

/**
 * The full article: body references resolved (images with renditions and
 * credit line, Read-more cards to live articles only, audio), translations,
 * SEO and schema.org JSON-LD. Anything that is not live simply disappears.
 */
export function toFullArticle(
  row: LiveDocumentRow,
  related: Map<string, ArticleSummary>,
  translations: { locale: string; slug: string; sectionId: string }[],
  c: Composer,
  publisherName: string,
): FullArticle {
  const doc = row.document;
  const summary = toSummary(row, c);
  const locale = c.taxonomy.locales.get(doc.locale);
  const body: PublicBlock[] = doc.body.flatMap((block): PublicBlock[] => {
    switch (block.type) {
      case 'image': {
        const image = c.media.image(block.mediaId, c.now);
        return image ? [{ type: 'image', image, ...(block.caption ? { caption: block.caption } : {}) }] : [];
      }
      case 'related': {
        const article = related.get(block.articleId);
        return article ? [{ type: 'related', article }] : [];
      }
      case 'audio': {
        const audio = c.media.audio(block.mediaId, c.now);
        return audio ? [{ type: 'audio', audio }] : [];
      }
      default:
        return [withSpans(block)];
    }
  });
  const translationLinks = translations.map((t) => {
    const sectionSlug = c.taxonomy.sections.get(t.sectionId)?.slug;
    return {
      locale: t.locale,
      slug: t.slug,
      url: articlePublicUrl(c.site, { locale: t.locale, slug: t.slug, sectionSlug }),
      rtl: c.taxonomy.locales.get(t.locale)?.rtl ?? false,
    };
  });
  const ogImageId = doc.seo.ogImageMediaId ?? doc.leadMediaId;
  const ogImage = c.media.image(ogImageId, c.now);
  const leadImage = c.media.image(doc.leadMediaId, c.now);
  const breadcrumb = sectionTrail(row.section_id, c.taxonomy, doc.locale);
  const article: FullArticle = {
    ...summary,
    leadImage,
    body,
    related: doc.relatedArticleIds.flatMap((id) => (related.has(id) ? [related.get(id)!] : [])),
    corrections: doc.corrections,
    translations: translationLinks,
    alternates: [{ hreflang: doc.locale, href: summary.url }, ...translationLinks.map((t) => ({ hreflang: t.locale, href: t.url }))],
    rtl: locale?.rtl ?? false,
    breadcrumb,
    seo: {
      title: doc.seo.title || doc.headline,
      description: doc.seo.description || doc.standfirst,
      canonicalUrl: doc.seo.canonicalUrl || summary.url,
      ogImage: ogImage ? { url: ogImage.url, width: ogImage.width, height: ogImage.height, alt: ogImage.alt } : null,
    },
    jsonLd: undefined as never,
  };
  article.jsonLd = articleJsonLd(article, c.media.jsonLdImages(ogImageId, c.now), {
    name: publisherName,
    url: c.site.baseUrl,
    logoUrl: c.site.publisherLogoUrl,
  });
  return article;
}

/** A text block as delivered: its stored text and the same text as spans (paragraph, heading, quote; each list item). */
export function withSpans(block: Exclude<Block, { type: 'image' | 'related' | 'audio' }>): PublicBlock {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
      return { ...block, spans: inlineSpans(block.text) };
    case 'list':
      return { ...block, itemSpans: block.items.map(inlineSpans) };
    default:
      return block;
  }
}

export function sectionTrail(sectionId: string, taxonomy: TaxonomySnapshot, locale: string): { slug: string; name: string }[] {
  const trail: { slug: string; name: string }[] = [];
  let node = taxonomy.sections.get(sectionId);
  for (let depth = 0; node && depth < 20; depth++) {
    trail.unshift({ slug: node.slug, name: localName(node, locale) });
    node = node.parentId ? taxonomy.sections.get(node.parentId) : undefined;
  }
  return trail;
}

/**
 * schema.org structured data for the page's <script type="application/ld+json">:
 * NewsArticle, or PodcastEpisode with its audio as associatedMedia. Images
 * in 16:9, 4:3 and 1:1 (as Google asks), each with the size of its file.
 */
export function articleJsonLd(article: Omit<FullArticle, 'jsonLd'>, images: JsonLdImage[], publisher: { name: string; url: string; logoUrl?: string }): JsonLd {
  const organization = {
    '@type': 'Organization' as const,
    name: publisher.name,
    url: publisher.url,
    ...(publisher.logoUrl ? { logo: { '@type': 'ImageObject' as const, url: publisher.logoUrl } } : {}),
  };
  const audio = article.kind === 'podcast_episode' ? article.episode?.audio : null;
  return {
    '@context': 'https://schema.org',
    '@type': article.kind === 'podcast_episode' ? 'PodcastEpisode' : 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.seo.canonicalUrl },
    url: article.seo.canonicalUrl,
    headline: article.headline.slice(0, 110),
    ...(article.kind === 'podcast_episode' ? { name: article.headline } : {}),
    description: article.standfirst,
    ...(images.length ? { image: images } : {}),
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    author: article.authors.length
      ? article.authors.map((author) => ({ '@type': 'Person' as const, name: author.name, url: `${publisher.url}/authors/${encodeURIComponent(author.slug)}` }))
      : [organization],
    publisher: organization,
    inLanguage: article.locale,
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length ? { keywords: article.tags.map((tag) => tag.name).join(', ') } : {}),
    ...(typeof article.episode?.number === 'number' ? { episodeNumber: article.episode.number } : {}),
    ...(audio
      ? {
          associatedMedia: {
            '@type': 'AudioObject' as const,
            contentUrl: audio.url,
            encodingFormat: audio.mime,
            contentSize: String(audio.bytes),
            ...(audio.durationSeconds !== null ? { duration: isoDuration(audio.durationSeconds) } : {}),
          },
        }
      : {}),
  };
}

/** Seconds as an ISO 8601 duration (PT29M13S). */
export function isoDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || total === 0 ? `${s}S` : ''}`;
}
