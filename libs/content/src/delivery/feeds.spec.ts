import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ImageRef } from './delivery.types.js';
import { atomFeed, type FeedItem, type FeedSpec, hreflangAlternates, jsonFeed, robotsTxt, rssFeed, sitemapIndex } from './feeds.js';

const image: ImageRef = {
  id: '7d1c3f5e-0000-4000-8000-000000000001',
  url: 'https://api.example/content/v1/media/7d1c3f5e-0000-4000-8000-000000000001/1280.jpeg',
  width: 1280,
  height: 720,
  alt: 'Troops at a checkpoint',
  caption: 'NATO troops guard a checkpoint',
  credit: 'AP Photo',
  creator: 'Bojan Slavkovic',
  copyrightNotice: '',
  creditLine: '© AP Photo / Bojan Slavkovic',
  isFilePhoto: false,
  focalPoint: { x: 0.5, y: 0.5 },
  renditions: [],
  sources: [],
};

const story: FeedItem = {
  id: '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70',
  slug: 'nato-kosovo',
  locale: 'en',
  kind: 'story',
  headline: 'NATO reinforces presence in Kosovo',
  standfirst: 'Additional patrols',
  section: { slug: 'europe', name: 'Europe' },
  tags: [{ slug: 'nato', name: 'NATO' }],
  authors: [{ slug: 'ana', name: 'Ana' }],
  leadImage: image,
  publishedAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T11:00:00.000Z',
  url: 'https://site.example/en/europe/nato-kosovo',
  contentHtml: '<p>The <strong>KFOR</strong> force &amp; patrols.</p>',
};

const episode: FeedItem = {
  ...story,
  id: '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f71',
  slug: 'episode-1125',
  kind: 'podcast_episode',
  headline: 'Episode 1125',
  contentHtml: undefined,
  episode: {
    number: 1125,
    audio: {
      id: 'a',
      url: 'https://api.example/content/v1/media/a/original.mp3',
      mime: 'audio/mpeg',
      bytes: 1234,
      durationSeconds: 1753,
      caption: '',
      credit: '',
      creditLine: '',
    },
  },
};

const spec = (items: FeedItem[], podcast?: FeedSpec['podcast']): FeedSpec => ({
  title: 'Dispatch News',
  description: 'Latest',
  homeUrl: 'https://site.example',
  selfUrl: 'https://api.example/content/v1/feeds/rss.xml',
  language: 'en',
  updated: '2026-11-30T11:00:00.000Z',
  items,
  podcast,
});

const parser = new XMLParser({ ignoreAttributes: false });

describe('RSS', () => {
  const podcast = {
    author: 'Dispatch Audio',
    ownerName: 'Podcast Desk',
    ownerEmail: 'podcasts@site.example',
    imageUrl: 'https://site.example/podcast.jpg',
    category: ['News', 'Politics'],
    explicit: false,
  };

  it('gives a podcast feed the channel tags Apple Podcasts requires: image, category, owner, author, explicit', () => {
    const xml = rssFeed(spec([story, episode], podcast));
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = parser.parse(xml).rss.channel;
    expect(channel['itunes:image']).toEqual({ '@_href': 'https://site.example/podcast.jpg' });
    expect(channel['itunes:category']).toEqual({ '@_text': 'News', 'itunes:category': { '@_text': 'Politics' } });
    expect(channel['itunes:owner']).toEqual({ 'itunes:name': 'Podcast Desk', 'itunes:email': 'podcasts@site.example' });
    expect(channel['itunes:author']).toBe('Dispatch Audio');
    expect(channel['itunes:explicit']).toBe(false);
  });

  it('falls back to the newest episode image for the channel artwork', () => {
    const channel = parser.parse(rssFeed(spec([episode], { ...podcast, imageUrl: undefined }))).rss.channel;
    expect(channel['itunes:image']).toEqual({ '@_href': image.url });
  });

  it('leaves itunes tags out of a feed without episodes', () => {
    const xml = rssFeed(spec([story], podcast));
    expect(xml).not.toContain('itunes:');
  });

  it('carries the lead image as Media RSS and the body as content:encoded', () => {
    const xml = rssFeed(spec([story, episode], podcast));
    const items = parser.parse(xml).rss.channel.item;
    expect(items[0]['media:content']).toMatchObject({ '@_url': image.url, '@_medium': 'image', '@_width': '1280', '@_height': '720' });
    expect(items[0]['media:content']['media:credit']).toBe('© AP Photo / Bojan Slavkovic');
    expect(items[0]['content:encoded']).toBe(story.contentHtml);
    // The episode's enclosure stays its audio; the image rides in media:content.
    expect(items[1].enclosure).toMatchObject({ '@_type': 'audio/mpeg' });
    expect(items[1]['media:content']).toMatchObject({ '@_url': image.url });
  });
});

describe('Atom', () => {
  it('puts the alternate link first, the section as a category, the lead image and the body in', () => {
    const xml = atomFeed(spec([story]));
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['link', 'category'].includes(name) }).parse(xml).feed;
    expect(feed.link[0]).toMatchObject({ '@_rel': 'alternate', '@_href': 'https://site.example' });
    const entry = feed.entry;
    expect(entry.link[0]).toMatchObject({ '@_rel': 'alternate', '@_href': story.url });
    expect(entry.category[0]).toMatchObject({ '@_term': 'europe', '@_label': 'Europe', '@_scheme': 'urn:dispatch:section' });
    expect(entry['media:content']).toMatchObject({ '@_url': image.url });
    expect(entry.content).toMatchObject({ '@_type': 'html', '#text': story.contentHtml });
  });
});

describe('JSON Feed', () => {
  it('carries the body as content_html, and content_text only when there is no body', () => {
    const feed = jsonFeed(spec([story, episode]));
    expect(feed.items[0]).toMatchObject({ content_html: story.contentHtml, summary: 'Additional patrols', image: image.url });
    expect(feed.items[0]).not.toHaveProperty('content_text');
    expect(feed.items[1]).toMatchObject({ content_text: 'Additional patrols', attachments: [{ mime_type: 'audio/mpeg', duration_in_seconds: 1753 }] });
  });
});

describe('sitemaps', () => {
  it('gives the index a lastmod per sitemap where known', () => {
    const xml = sitemapIndex([{ loc: 'https://api.example/a.xml', lastmod: '2026-11-30T11:00:00.000Z' }, { loc: 'https://api.example/b.xml' }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parser.parse(xml).sitemapindex.sitemap).toEqual([
      { loc: 'https://api.example/a.xml', lastmod: '2026-11-30T11:00:00.000Z' },
      { loc: 'https://api.example/b.xml' },
    ]);
  });

  it('adds x-default for the default locale edition, and no alternates for a lone edition', () => {
    const href = (edition: { locale: string }) => `https://site.example/${edition.locale}/x`;
    expect(hreflangAlternates([{ locale: 'en' }, { locale: 'ru' }], 'en', href)).toEqual([
      { hreflang: 'en', href: 'https://site.example/en/x' },
      { hreflang: 'ru', href: 'https://site.example/ru/x' },
      { hreflang: 'x-default', href: 'https://site.example/en/x' },
    ]);
    expect(hreflangAlternates([{ locale: 'de' }, { locale: 'ru' }], 'en', href).map((a) => a.hreflang)).toEqual(['de', 'ru']);
    expect(hreflangAlternates([{ locale: 'en' }], 'en', href)).toEqual([]);
  });

  it('robots.txt names the sitemap index', () => {
    expect(robotsTxt('https://api.example/content/v1/sitemaps/index.xml')).toMatch(/^Sitemap: https:\/\/api\.example\/content\/v1\/sitemaps\/index\.xml$/m);
  });
});
