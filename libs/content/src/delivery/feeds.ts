import { type Static, Type } from '@sinclair/typebox';
import { Component, Obj, Timestamp, Url } from '#common';
import type { ArticleSummary } from './delivery.types.js';

/** A feed entry: a live summary, with its body as sanitized HTML where the feed carries bodies. */
export type FeedItem = ArticleSummary & { contentHtml?: string };

/** Channel-level podcast data (Apple Podcasts requires image and category). */
export interface PodcastChannel {
  author: string;
  ownerName: string;
  ownerEmail?: string;
  /** Square artwork; unset → the newest episode's lead image. */
  imageUrl?: string;
  /** A category, optionally with one subcategory. */
  category: string[];
  explicit: boolean;
}

/** Everything a feed needs, built from live summaries. */
export interface FeedSpec {
  title: string;
  description: string;
  /** The site page the feed mirrors. */
  homeUrl: string;
  /** This feed's own URL. */
  selfUrl: string;
  language: string;
  updated: string;
  items: FeedItem[];
  /** Used when the feed has episodes with audio. */
  podcast?: PodcastChannel;
}

// eslint-disable-next-line no-control-regex -- the point is to match control characters
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function xmlEscape(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than escaped.
  return text.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

/** iTunes duration: H:MM:SS. */
export function itunesDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Media RSS for a lead image: readers show it beside the item; RSS allows one enclosure, which an episode's audio takes. */
function mediaContent(image: ArticleSummary['leadImage']): string {
  if (!image) return '';
  const size = `${image.width ? ` width="${image.width}"` : ''}${image.height ? ` height="${image.height}"` : ''}`;
  return [
    `<media:content url="${xmlEscape(image.url)}" medium="image"${size}>`,
    image.alt || image.caption ? `<media:description type="plain">${xmlEscape(image.caption || image.alt)}</media:description>` : '',
    image.creditLine ? `<media:credit>${xmlEscape(image.creditLine)}</media:credit>` : '',
    '</media:content>',
  ].join('');
}

function itunesChannel(podcast: PodcastChannel, items: FeedItem[]): string {
  const image = podcast.imageUrl ?? items.find((item) => item.episode?.audio && item.leadImage)?.leadImage?.url;
  const [category, subcategory] = podcast.category;
  return [
    `<itunes:author>${xmlEscape(podcast.author)}</itunes:author>`,
    `<itunes:owner><itunes:name>${xmlEscape(podcast.ownerName)}</itunes:name>${podcast.ownerEmail ? `<itunes:email>${xmlEscape(podcast.ownerEmail)}</itunes:email>` : ''}</itunes:owner>`,
    image ? `<itunes:image href="${xmlEscape(image)}"/>` : '',
    category
      ? `<itunes:category text="${xmlEscape(category)}">${subcategory ? `<itunes:category text="${xmlEscape(subcategory)}"/>` : ''}</itunes:category>`
      : '',
    `<itunes:explicit>${podcast.explicit}</itunes:explicit>`,
    '<itunes:type>episodic</itunes:type>',
  ].join('');
}

/** RSS 2.0, with lead images (Media RSS), bodies (content:encoded), podcast enclosures and itunes tags. */
export function rssFeed(feed: FeedSpec): string {
  const podcast = feed.items.some((item) => item.episode?.audio);
  const items = feed.items.map((item) => {
    const audio = item.episode?.audio;
    return [
      '<item>',
      `<title>${xmlEscape(item.headline)}</title>`,
      `<link>${xmlEscape(item.url)}</link>`,
      `<guid isPermaLink="false">${xmlEscape(`urn:dispatch:article:${item.id}`)}</guid>`,
      `<pubDate>${rfc822(item.publishedAt)}</pubDate>`,
      item.standfirst ? `<description>${xmlEscape(item.standfirst)}</description>` : '',
      item.contentHtml ? `<content:encoded>${xmlEscape(item.contentHtml)}</content:encoded>` : '',
      ...item.authors.map((author) => `<dc:creator>${xmlEscape(author.name)}</dc:creator>`),
      item.section ? `<category>${xmlEscape(item.section.name)}</category>` : '',
      ...item.tags.map((tag) => `<category>${xmlEscape(tag.name)}</category>`),
      mediaContent(item.leadImage),
      audio ? `<enclosure url="${xmlEscape(audio.url)}" length="${audio.bytes}" type="${xmlEscape(audio.mime)}"/>` : '',
      audio?.durationSeconds ? `<itunes:duration>${itunesDuration(audio.durationSeconds)}</itunes:duration>` : '',
      item.episode?.number !== undefined && item.episode?.number !== null ? `<itunes:episode>${item.episode.number}</itunes:episode>` : '',
      audio ? '<itunes:episodeType>full</itunes:episodeType>' : '',
      item.leadImage && audio ? `<itunes:image href="${xmlEscape(item.leadImage.url)}"/>` : '',
      '</item>',
    ]
      .filter(Boolean)
      .join('');
  });
  const namespaces = [
    'xmlns:atom="http://www.w3.org/2005/Atom"',
    'xmlns:dc="http://purl.org/dc/elements/1.1/"',
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    'xmlns:media="http://search.yahoo.com/mrss/"',
    ...(podcast ? ['xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'] : []),
  ];
  const channelPodcast: PodcastChannel = feed.podcast ?? { author: feed.title, ownerName: feed.title, category: ['News'], explicit: false };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rss version="2.0" ${namespaces.join(' ')}>`,
    '<channel>',
    `<title>${xmlEscape(feed.title)}</title>`,
    `<link>${xmlEscape(feed.homeUrl)}</link>`,
    `<description>${xmlEscape(feed.description)}</description>`,
    `<language>${xmlEscape(feed.language)}</language>`,
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `<atom:link href="${xmlEscape(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    podcast ? itunesChannel(channelPodcast, feed.items) : '',
    ...items,
    '</channel>',
    '</rss>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Atom 1.0 (RFC 4287): the alternate link first (readers take the first link as the page), the section as a category, lead image and body. */
export function atomFeed(feed: FeedSpec): string {
  const entries = feed.items.map((item) =>
    [
      '<entry>',
      `<id>urn:dispatch:article:${item.id}</id>`,
      `<title>${xmlEscape(item.headline)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlEscape(item.url)}"/>`,
      item.episode?.audio
        ? `<link rel="enclosure" type="${xmlEscape(item.episode.audio.mime)}" length="${item.episode.audio.bytes}" href="${xmlEscape(item.episode.audio.url)}"/>`
        : '',
      `<published>${item.publishedAt}</published>`,
      `<updated>${item.updatedAt}</updated>`,
      item.standfirst ? `<summary>${xmlEscape(item.standfirst)}</summary>` : '',
      item.contentHtml ? `<content type="html">${xmlEscape(item.contentHtml)}</content>` : '',
      ...(item.authors.length ? item.authors : [{ name: feed.title }]).map((author) => `<author><name>${xmlEscape(author.name)}</name></author>`),
      item.section ? `<category term="${xmlEscape(item.section.slug)}" label="${xmlEscape(item.section.name)}" scheme="urn:dispatch:section"/>` : '',
      ...item.tags.map((tag) => `<category term="${xmlEscape(tag.slug)}" label="${xmlEscape(tag.name)}"/>`),
      mediaContent(item.leadImage),
      '</entry>',
    ]
      .filter(Boolean)
      .join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${xmlEscape(feed.language)}">`,
    `<id>${xmlEscape(feed.selfUrl)}</id>`,
    `<title>${xmlEscape(feed.title)}</title>`,
    `<subtitle>${xmlEscape(feed.description)}</subtitle>`,
    `<updated>${feed.updated}</updated>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(feed.homeUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfUrl)}"/>`,
    ...entries,
    '</feed>',
  ].join('\n');
}

const JsonFeedAuthorSchema = Obj({ name: Type.String() });

/** A JSON Feed 1.1 item (https://www.jsonfeed.org/version/1.1/): `content_html` when the body has any, else `content_text`. */
export const JsonFeedItemSchema = Component(
  'JsonFeedItem',
  Obj({
    id: Type.String({ description: '`urn:dispatch:article:<uuid>`, stable across edits' }),
    url: Url({ description: 'the article page on the site' }),
    title: Type.String(),
    summary: Type.Optional(Type.String({ description: 'the standfirst' })),
    content_html: Type.Optional(Type.String({ description: 'the body as sanitized HTML (the same rendering as ninjs `body_html`)' })),
    content_text: Type.Optional(Type.String({ description: 'only when the body renders to nothing: the standfirst, else the headline' })),
    image: Type.Optional(Url({ description: 'the lead image' })),
    date_published: Timestamp(),
    date_modified: Timestamp(),
    authors: Type.Optional(Type.Array(JsonFeedAuthorSchema, { minItems: 1 })),
    tags: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    language: Type.String(),
    attachments: Type.Optional(
      Type.Array(
        Obj({
          url: Url(),
          mime_type: Type.String(),
          size_in_bytes: Type.Optional(Type.Integer({ minimum: 0 })),
          duration_in_seconds: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        { description: "a podcast episode's audio" },
      ),
    ),
  }),
);

/** JSON Feed 1.1 (application/feed+json). */
export const JsonFeedSchema = Component(
  'JsonFeed',
  Obj({
    version: Type.Literal('https://jsonfeed.org/version/1.1'),
    title: Type.String(),
    home_page_url: Url(),
    feed_url: Url(),
    description: Type.String(),
    language: Type.String(),
    items: Type.Array(JsonFeedItemSchema),
  }),
);
export type JsonFeed = Static<typeof JsonFeedSchema>;

/** JSON Feed 1.1. */
export function jsonFeed(feed: FeedSpec): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    description: feed.description,
    language: feed.language,
    items: feed.items.map((item) => ({
      id: `urn:dispatch:article:${item.id}`,
      url: item.url,
      title: item.headline,
      ...(item.standfirst ? { summary: item.standfirst } : {}),
      ...(item.contentHtml ? { content_html: item.contentHtml } : { content_text: item.standfirst || item.headline }),
      ...(item.leadImage ? { image: item.leadImage.url } : {}),
      date_published: item.publishedAt,
      date_modified: item.updatedAt,
      ...(item.authors.length ? { authors: item.authors.map((author) => ({ name: author.name })) } : {}),
      ...(item.tags.length ? { tags: item.tags.map((tag) => tag.name) } : {}),
      language: item.locale,
      ...(item.episode?.audio
        ? {
            attachments: [
              {
                url: item.episode.audio.url,
                mime_type: item.episode.audio.mime,
                size_in_bytes: item.episode.audio.bytes,
                ...(item.episode.audio.durationSeconds ? { duration_in_seconds: Math.round(item.episode.audio.durationSeconds) } : {}),
              },
            ],
          }
        : {}),
    })),
  };
}

/**
 * hreflang alternates for a sitemap entry: every live edition, plus
 * `x-default` for the default locale's edition (search engines send
 * visitors whose language has no edition there). None for a lone edition.
 */
export function hreflangAlternates<E extends { locale: string }>(
  editions: E[],
  defaultLocale: string,
  href: (edition: E) => string,
): { hreflang: string; href: string }[] {
  if (editions.length < 2) return [];
  const alternates = editions.map((edition) => ({ hreflang: edition.locale, href: href(edition) }));
  const fallback = editions.find((edition) => edition.locale === defaultLocale);
  return fallback ? [...alternates, { hreflang: 'x-default', href: href(fallback) }] : alternates;
}

/**
 * robots.txt for the site host (proxied there from the delivery API): its
 * `Sitemap:` line is what lets search engines accept sitemaps served from
 * another host (the delivery host) for the site's URLs (sitemaps.org, cross-site submission).
 */
export function robotsTxt(sitemapIndexUrl: string): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${sitemapIndexUrl}`, ''].join('\n');
}

export function sitemapIndex(sitemaps: { loc: string; lastmod?: string }[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...sitemaps.map((s) => `<sitemap><loc>${xmlEscape(s.loc)}</loc>${s.lastmod ? `<lastmod>${s.lastmod}</lastmod>` : ''}</sitemap>`),
    '</sitemapindex>',
  ].join('\n');
}

export function urlSet(urls: { loc: string; lastmod: string; alternates: { hreflang: string; href: string }[] }[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls.map(
      (u) =>
        `<url><loc>${xmlEscape(u.loc)}</loc><lastmod>${u.lastmod}</lastmod>${u.alternates
          .map((a) => `<xhtml:link rel="alternate" hreflang="${xmlEscape(a.hreflang)}" href="${xmlEscape(a.href)}"/>`)
          .join('')}</url>`,
    ),
    '</urlset>',
  ].join('\n');
}

/** Google News sitemap: articles from the last 48 hours. */
export function newsSitemap(publication: string, items: { loc: string; language: string; publishedAt: string; title: string }[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...items.map(
      (item) =>
        `<url><loc>${xmlEscape(item.loc)}</loc><news:news><news:publication><news:name>${xmlEscape(publication)}</news:name><news:language>${xmlEscape(
          item.language,
        )}</news:language></news:publication><news:publication_date>${item.publishedAt}</news:publication_date><news:title>${xmlEscape(item.title)}</news:title></news:news></url>`,
    ),
    '</urlset>',
  ].join('\n');
}
