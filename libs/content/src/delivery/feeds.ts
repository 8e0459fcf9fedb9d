import type { ArticleSummary } from './delivery.types.js';

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
  items: ArticleSummary[];
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

/** RSS 2.0, with podcast enclosures and itunes tags for episodes. */
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
      ...item.authors.map((author) => `<dc:creator>${xmlEscape(author.name)}</dc:creator>`),
      item.section ? `<category>${xmlEscape(item.section.name)}</category>` : '',
      ...item.tags.map((tag) => `<category>${xmlEscape(tag.name)}</category>`),
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
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"${podcast ? ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"' : ''}>`,
    '<channel>',
    `<title>${xmlEscape(feed.title)}</title>`,
    `<link>${xmlEscape(feed.homeUrl)}</link>`,
    `<description>${xmlEscape(feed.description)}</description>`,
    `<language>${xmlEscape(feed.language)}</language>`,
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `<atom:link href="${xmlEscape(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    podcast ? `<itunes:author>${xmlEscape(feed.title)}</itunes:author><itunes:explicit>false</itunes:explicit>` : '',
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n');
}

/** Atom 1.0 (RFC 4287). */
export function atomFeed(feed: FeedSpec): string {
  const entries = feed.items.map((item) =>
    [
      '<entry>',
      `<id>urn:dispatch:article:${item.id}</id>`,
      `<title>${xmlEscape(item.headline)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlEscape(item.url)}"/>`,
      `<published>${item.publishedAt}</published>`,
      `<updated>${item.updatedAt}</updated>`,
      item.standfirst ? `<summary>${xmlEscape(item.standfirst)}</summary>` : '',
      ...(item.authors.length ? item.authors : [{ name: feed.title }]).map((author) => `<author><name>${xmlEscape(author.name)}</name></author>`),
      ...item.tags.map((tag) => `<category term="${xmlEscape(tag.slug)}" label="${xmlEscape(tag.name)}"/>`),
      item.episode?.audio
        ? `<link rel="enclosure" type="${xmlEscape(item.episode.audio.mime)}" length="${item.episode.audio.bytes}" href="${xmlEscape(item.episode.audio.url)}"/>`
        : '',
      '</entry>',
    ]
      .filter(Boolean)
      .join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(feed.language)}">`,
    `<id>${xmlEscape(feed.selfUrl)}</id>`,
    `<title>${xmlEscape(feed.title)}</title>`,
    `<subtitle>${xmlEscape(feed.description)}</subtitle>`,
    `<updated>${feed.updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(feed.homeUrl)}"/>`,
    ...entries,
    '</feed>',
  ].join('\n');
}

/** JSON Feed 1.1. */
export function jsonFeed(feed: FeedSpec): Record<string, unknown> {
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
      ...(item.standfirst ? { summary: item.standfirst, content_text: item.standfirst } : { content_text: item.headline }),
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
