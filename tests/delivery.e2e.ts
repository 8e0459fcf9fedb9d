import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import AjvDraft04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { seed } from '../scripts/lib/seed.js';
import { call, createUser, type TestUser } from './support/factories.js';
import { eventually } from './support/processes.js';
import { startAdminApi, startDeliveryApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The delivery API against the demo newsroom, as a frontend team would use it. */
describe('delivery API', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let second: RunningApp;
  let editor: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    // One data directory for the seed's media files and both APIs.
    const shared = { DATA_DIR: await mkdtemp(join(tmpdir(), 'dispatch-delivery-')), PUBLISHER_LOGO_URL: 'https://news.example/logo.png' };
    await seed(db.url, await testConfig(db.url, shared), () => undefined);
    admin = await startAdminApi(db.url, shared);
    delivery = await startDeliveryApi(db.url, { ...shared, PODCAST_OWNER_EMAIL: 'podcasts@dispatch.example', PODCAST_CATEGORY: 'News/Politics' });
    second = await startDeliveryApi(db.url, shared);
    editor = await createUser(db.prisma, 'editor');
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close(), second?.close()]);
    await db?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}, app = delivery) => call(`${app.url}/content/v1`, 'GET', path, { headers });
  const adminCall = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(`${admin.url}/admin/v1`, method, path, { auth: editor.auth, body, headers });
  async function articleId(slug: string, locale = 'en'): Promise<string> {
    return (await db.prisma.article.findUniqueOrThrow({ where: { locale_slug: { locale, slug } } })).id;
  }
  async function transition(id: string, body: Record<string, unknown>) {
    const current = await adminCall('GET', `/articles/${id}`);
    const response = await adminCall('POST', `/articles/${id}/transitions`, body, { 'if-match': `"${current.body.version}"` });
    expect(response.status).toBe(200);
    return response.body;
  }

  it('has no route but GET and HEAD', () => {
    const routes = delivery.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false, includeHooks: false });
    const methods = new Set([...routes.matchAll(/\(([A-Z, ]+)\)/g)].flatMap((match) => match[1]!.split(',').map((method) => method.trim())));
    expect(methods.size).toBeGreaterThan(0);
    expect([...methods].filter((method) => method !== 'GET' && method !== 'HEAD')).toEqual([]);
  });

  it('renders the seed story page entirely from the API', async () => {
    const { status, body: story, headers } = await get('/articles/nato-reinforces-presence-in-kosovo');
    expect(status).toBe(200);
    expect(story).toMatchObject({
      headline: 'NATO reinforces presence in Kosovo',
      standfirst: expect.stringMatching(/^The KFOR peacekeeping force sets up additional patrols/),
      section: { slug: 'europe', name: 'Europe' },
      breadcrumb: [
        { slug: 'world-news', name: 'World News' },
        { slug: 'europe', name: 'Europe' },
      ],
      publishedAt: expect.any(String),
      updatedAt: expect.any(String),
      leadImage: {
        caption: 'FILE PHOTO: NATO troops guard a checkpoint near the village of Leposavic, northern Kosovo.',
        credit: 'AP Photo',
        creator: 'Bojan Slavkovic',
        creditLine: '© AP Photo / Bojan Slavkovic',
        renditions: expect.arrayContaining([expect.objectContaining({ width: 640, format: 'webp' })]),
      },
      tags: expect.arrayContaining([{ slug: 'nato', name: 'NATO' }]),
      translations: [expect.objectContaining({ locale: 'ru', slug: 'nato-usilivaet-prisutstvie-v-kosovo' })],
      jsonLd: expect.objectContaining({
        '@type': 'NewsArticle',
        headline: 'NATO reinforces presence in Kosovo',
        inLanguage: 'en',
        articleSection: 'Europe',
        author: [expect.objectContaining({ '@type': 'Person', name: 'Rade Reporter' })],
      }),
    });
    const readMore = story.body.find((block: { type: string }) => block.type === 'related');
    expect(readMore.article).toMatchObject({ headline: 'Serbia invokes UN resolution on Kosovo' });
    expect(story.body.find((block: { type: string }) => block.type === 'image').image.creditLine).toBe('© AP Photo / Bojan Slavkovic');
    expect(headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(headers.get('surrogate-key')).toContain(`article-${story.id}`);

    const russian = await get('/articles/nato-usilivaet-prisutstvie-v-kosovo?locale=ru');
    expect(russian.body).toMatchObject({
      headline: 'НАТО усиливает присутствие в Косово',
      section: { name: 'Европа' },
      translations: [expect.objectContaining({ locale: 'en' })],
    });
    expect(russian.body.alternates.map((a: { hreflang: string }) => a.hreflang).sort()).toEqual(['en', 'ru']);

    const top = await get('/collections/top-stories');
    expect(top.body.items.map((item: { article: { headline: string } }) => item.article.headline)).toEqual([
      'NATO reinforces presence in Kosovo',
      'Serbia invokes UN resolution on Kosovo',
    ]);
    const features = await get('/collections/features');
    expect(features.body.items[0]).toMatchObject({ label: 'FEATURE', article: { kind: 'feature' } });

    const podcasts = await get('/articles?kind=podcast_episode');
    expect(podcasts.body.data[0].episode).toMatchObject({ number: 1125, audio: { durationSeconds: expect.closeTo(1753, 0) } });
    const audio = await fetch(podcasts.body.data[0].episode.audio.url.replace(/^http:\/\/[^/]+/, delivery.url), { headers: { range: 'bytes=0-99' } });
    expect(audio.status).toBe(206);
    expect((await audio.arrayBuffer()).byteLength).toBe(100);
  });

  it('never shows a draft, an unpublished edit or an embargoed story', async () => {
    expect((await get('/articles/eu-envoy-to-visit-belgrade-and-pristina')).status).toBe(404);
    const id = await articleId('serbia-invokes-un-resolution-on-kosovo');
    const current = await adminCall('GET', `/articles/${id}`);
    await adminCall('PATCH', `/articles/${id}`, { headline: 'DRAFT EDIT — not for readers' }, { 'if-match': `"${current.body.version}"` });
    const live = await get('/articles/serbia-invokes-un-resolution-on-kosovo');
    expect(live.body.headline).toBe('Serbia invokes UN resolution on Kosovo');
    const everything = JSON.stringify((await get('/articles?limit=100')).body) + JSON.stringify((await get('/search?q=draft')).body);
    expect(everything).not.toContain('DRAFT EDIT');
    expect(everything).not.toContain('EU envoy');
  });

  it('answers If-None-Match with 304 and the same ETag', async () => {
    const first = await get('/articles?limit=5');
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${delivery.url}/content/v1/articles?limit=5`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('shows a published edit on two running instances within 2 s', async () => {
    const id = await articleId('inside-kfor-a-day-on-patrol');
    for (const app of [delivery, second]) expect((await get('/articles/inside-kfor-a-day-on-patrol', {}, app)).body.headline).toMatch(/^Inside KFOR/);
    const current = await adminCall('GET', `/articles/${id}`);
    const edited = await adminCall(
      'PATCH',
      `/articles/${id}`,
      { headline: 'Inside KFOR: twenty-four hours on patrol' },
      { 'if-match': `"${current.body.version}"` },
    );
    const started = Date.now();
    await adminCall('POST', `/articles/${id}/transitions`, { action: 'publish' }, { 'if-match': `"${edited.body.version}"` });
    await Promise.all(
      [delivery, second].map((app) =>
        eventually(
          async () => {
            const response = await get('/articles/inside-kfor-a-day-on-patrol', {}, app);
            if (response.body.headline !== 'Inside KFOR: twenty-four hours on patrol') throw new Error('stale');
          },
          2000,
          50,
        ),
      ),
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps keyset pages correct while stories are published between pages', async () => {
    const page1 = await get('/articles?limit=2&locale=en');
    const newer = await adminCall('POST', '/articles', {
      headline: 'Breaking: a new story',
      sectionId: (await db.prisma.section.findFirstOrThrow({ where: { slug: 'sport' } })).id,
    });
    await adminCall('POST', `/articles/${newer.body.id}/transitions`, { action: 'publish' }, { 'if-match': '"1"' });
    const page2 = await get(`/articles?limit=2&locale=en&cursor=${page1.body.nextCursor}`);
    const rest = page2.body.nextCursor ? (await get(`/articles?limit=100&locale=en&cursor=${page2.body.nextCursor}`)).body.data : [];
    const seen = [...page1.body.data, ...page2.body.data, ...rest].map((a: { id: string }) => a.id);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await db.prisma.publishedArticle.findMany({ where: { locale: 'en', articleId: { not: newer.body.id } }, select: { articleId: true } });
    expect(seen.sort()).toEqual(all.map((a) => a.articleId).sort());
  });

  it('searches per language with ranking and highlighted snippets', async () => {
    const en = await get('/search?q=patrols');
    expect(en.body.data.length).toBeGreaterThan(0);
    expect(en.body.data[0].snippet).toContain('<mark>');
    const ru = await get('/search?q=патрулирование&locale=ru');
    expect(ru.body.data.map((a: { slug: string }) => a.slug)).toEqual(['nato-usilivaet-prisutstvie-v-kosovo']);
    const headlineFirst = await get('/search?q=serbia');
    expect(headlineFirst.body.data[0].headline).toMatch(/Serbia/);
  });

  it('serves valid RSS with podcast enclosures, Atom, JSON Feed and sitemaps', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const rss = await fetch(`${delivery.url}/content/v1/feeds/rss.xml?tag=kosovo`);
    expect(rss.headers.get('content-type')).toMatch(/application\/rss\+xml/);
    const rssText = await rss.text();
    expect(XMLValidator.validate(rssText)).toBe(true);
    const channel = parser.parse(rssText).rss.channel;
    const episode = [channel.item].flat().find((item: { enclosure?: unknown }) => item.enclosure);
    expect(episode.enclosure).toMatchObject({ '@_type': 'audio/mpeg', '@_length': expect.any(String) });
    expect(episode['itunes:duration']).toBe('0:29:13');
    expect(episode['itunes:episode']).toBe(1125);

    const atomText = await (await fetch(`${delivery.url}/content/v1/feeds/atom.xml?section=world-news`)).text();
    expect(XMLValidator.validate(atomText)).toBe(true);
    expect(parser.parse(atomText).feed.entry.length).toBeGreaterThan(0);
    const json = await get('/feeds/feed.json?locale=ru');
    expect(json.body).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      language: 'ru',
      items: [expect.objectContaining({ title: 'НАТО усиливает присутствие в Косово' })],
    });

    for (const path of ['/sitemaps/index.xml', '/sitemaps/news.xml', '/sitemaps/articles-1.xml']) {
      const text = await (await fetch(`${delivery.url}/content/v1${path}`)).text();
      expect(XMLValidator.validate(text)).toBe(true);
    }
    const news = parser.parse(await (await fetch(`${delivery.url}/content/v1/sitemaps/news.xml`)).text());
    expect([news.urlset.url].flat()[0]['news:news']).toMatchObject({
      'news:publication': { 'news:name': 'Dispatch News', 'news:language': expect.any(String) },
      'news:title': expect.any(String),
    });
    expect((await get('/sitemaps/articles-99.xml')).status).toBe(404);
  });

  it('gives the podcast feed the channel tags Apple Podcasts requires, and every feed its lead images and bodies', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name) });
    const rssText = await (await fetch(`${delivery.url}/content/v1/feeds/rss.xml?tag=kosovo`)).text();
    expect(XMLValidator.validate(rssText)).toBe(true);
    const channel = parser.parse(rssText).rss.channel;
    expect(channel['itunes:image']).toEqual({ '@_href': expect.stringMatching(/^http/) });
    expect(channel['itunes:category']).toEqual({ '@_text': 'News', 'itunes:category': { '@_text': 'Politics' } });
    expect(channel['itunes:owner']).toEqual({ 'itunes:name': 'Dispatch News', 'itunes:email': 'podcasts@dispatch.example' });
    expect(channel['itunes:author']).toBe('Dispatch News');
    expect(channel['itunes:explicit']).toBe(false);
    const story = channel.item.find((item: { title: string }) => item.title === 'NATO reinforces presence in Kosovo');
    expect(story['media:content']).toMatchObject({ '@_url': expect.stringMatching(/\/media\//), '@_medium': 'image' });
    expect(story['content:encoded']).toMatch(/^<p>.*KFOR/s);

    const atomText = await (await fetch(`${delivery.url}/content/v1/feeds/atom.xml?section=world-news`)).text();
    expect(XMLValidator.validate(atomText)).toBe(true);
    const atom = parser.parse(atomText).feed;
    expect(atom.link[0]['@_rel']).toBe('alternate');
    const entry = atom.entry.find((e: { title: string }) => e.title === 'NATO reinforces presence in Kosovo');
    expect(entry.link[0]).toMatchObject({ '@_rel': 'alternate', '@_href': expect.stringContaining('/en/europe/nato-reinforces-presence-in-kosovo') });
    expect(entry.category[0]).toMatchObject({ '@_term': 'europe', '@_label': 'Europe' });
    expect(entry['media:content']).toMatchObject({ '@_medium': 'image' });
    expect(entry.content['@_type']).toBe('html');

    const json = await get('/feeds/feed.json');
    const item = json.body.items.find((i: { title: string }) => i.title === 'NATO reinforces presence in Kosovo');
    expect(item.content_html).toMatch(/^<p>.*KFOR/s);
    expect(item.content_html).not.toMatch(/<script/i);
    expect(item).not.toHaveProperty('content_text');
  });

  it('answers every feed, sitemap and robots.txt with an ETag and 304 to If-None-Match; bad parameters are 400', async () => {
    for (const path of [
      '/feeds/rss.xml',
      '/feeds/atom.xml',
      '/feeds/feed.json',
      '/sitemaps/index.xml',
      '/sitemaps/news.xml',
      '/sitemaps/articles-1.xml',
      '/robots.txt',
    ]) {
      const first = await fetch(`${delivery.url}/content/v1${path}`);
      expect({ path, status: first.status }).toEqual({ path, status: 200 });
      expect(first.headers.get('surrogate-key')).toBeTruthy();
      const etag = first.headers.get('etag')!;
      const again = await fetch(`${delivery.url}/content/v1${path}`, { headers: { 'if-none-match': etag } });
      expect({ path, status: again.status }).toEqual({ path, status: 304 });
    }
    for (const path of ['/feeds/rss.xml?section=no-such-section', '/feeds/atom.xml?locale=xx', '/feeds/feed.json?tag=UPPER']) {
      const response = await fetch(`${delivery.url}/content/v1${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
    expect((await fetch(`${delivery.url}/content/v1/sitemaps/other.xml`)).status).toBe(404);
  });

  it('gives every sitemap of the index its lastmod, x-default among the hreflang alternates, and a robots.txt for the site host', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['sitemap', 'url', 'xhtml:link'].includes(name) });
    const index = parser.parse(await (await fetch(`${delivery.url}/content/v1/sitemaps/index.xml`)).text()).sitemapindex.sitemap;
    expect(index.map((s: { loc: string }) => s.loc)).toEqual([
      expect.stringMatching(/\/sitemaps\/news\.xml$/),
      expect.stringMatching(/\/sitemaps\/articles-1\.xml$/),
    ]);
    for (const sitemap of index) expect(new Date(sitemap.lastmod).toISOString()).toBe(sitemap.lastmod);
    const pageText = await (await fetch(`${delivery.url}/content/v1/sitemaps/articles-1.xml`)).text();
    const urls = parser.parse(pageText).urlset.url;
    const newest = urls
      .map((u: { lastmod: string }) => u.lastmod)
      .sort()
      .at(-1);
    expect(index[1].lastmod).toBe(newest);
    const story = urls.find((u: { loc: string }) => u.loc.endsWith('/en/europe/nato-reinforces-presence-in-kosovo'));
    const alternates = Object.fromEntries(story['xhtml:link'].map((l: { '@_hreflang': string; '@_href': string }) => [l['@_hreflang'], l['@_href']]));
    expect(Object.keys(alternates).sort()).toEqual(['en', 'ru', 'x-default']);
    expect(alternates['x-default']).toBe(alternates.en);

    const robots = await fetch(`${delivery.url}/content/v1/robots.txt`);
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await robots.text()).split('\n');
    expect(lines).toContain('User-agent: *');
    const sitemapLine = lines.find((line) => line.startsWith('Sitemap: '))!;
    expect(sitemapLine.slice('Sitemap: '.length)).toBe(index[0].loc.replace(/news\.xml$/, 'index.xml'));
  });

  it('answers a language edition on its own slug without ?locale=, and every translations[] entry leads to its edition', async () => {
    const russian = await get('/articles/nato-usilivaet-prisutstvie-v-kosovo');
    expect({ status: russian.status, locale: russian.body.locale }).toEqual({ status: 200, locale: 'ru' });
    expect(russian.headers.get('content-language')).toBe('ru');
    for (const from of ['nato-reinforces-presence-in-kosovo', 'nato-usilivaet-prisutstvie-v-kosovo']) {
      const article = (await get(`/articles/${from}`)).body;
      expect(article.translations.length).toBeGreaterThan(0);
      for (const translation of article.translations) {
        // The site URL carries the locale and slug; the API answers on the slug (with or without ?locale=).
        expect(translation.url).toContain(`/${translation.locale}/`);
        expect(translation.url).toContain(`/${translation.slug}`);
        for (const path of [`/articles/${translation.slug}`, `/articles/${translation.slug}?locale=${translation.locale}`]) {
          const edition = await get(path);
          expect({ path, status: edition.status, locale: edition.body.locale }).toEqual({ path, status: 200, locale: translation.locale });
        }
      }
    }
    // Asked in another language, the 404 says where the slug is live.
    const missing = await get('/articles/nato-usilivaet-prisutstvie-v-kosovo?locale=de');
    expect({ status: missing.status, code: missing.body.code, locales: missing.body.locales }).toEqual({ status: 404, code: 'not_found', locales: ['ru'] });
    expect((await get('/articles/no-such-story-anywhere')).body).not.toHaveProperty('locales');

    // The same slug live in two other languages: no guess, the 404 names both.
    const sectionId = (await db.prisma.section.findFirstOrThrow({ where: { slug: 'sport' } })).id;
    for (const locale of ['sr', 'de']) {
      const created = await adminCall('POST', '/articles', { headline: 'Beograd maraton', slug: 'beograd-maraton', locale, sectionId });
      expect((await adminCall('POST', `/articles/${created.body.id}/transitions`, { action: 'publish' }, { 'if-match': '"1"' })).status).toBe(200);
    }
    const ambiguous = await get('/articles/beograd-maraton');
    expect({ status: ambiguous.status, locales: ambiguous.body.locales }).toEqual({ status: 404, locales: ['de', 'sr'] });
    expect((await get('/articles/beograd-maraton?locale=sr')).body.locale).toBe('sr');
  });

  it('offers the article as IPTC ninjs', async () => {
    const ninjs = await get('/articles/nato-reinforces-presence-in-kosovo?format=ninjs');
    expect(ninjs.headers.get('content-type')).toMatch(/ninjs/);
    expect(ninjs.body).toMatchObject({
      type: 'text',
      headlines: [{ role: 'main', value: 'NATO reinforces presence in Kosovo' }],
      associations: [expect.objectContaining({ name: 'featureimage', type: 'picture', by: 'Bojan Slavkovic' })],
    });
    expect(ninjs.body.bodies[0].value).toContain('<p>');
  });

  it('drops an unpublished story from rails and returns the deletion to sync clients', async () => {
    const first = await get('/sync?limit=1000');
    expect(first.body.items.length).toBeGreaterThan(3);
    const token = first.body.syncToken;
    const id = await articleId('serbia-invokes-un-resolution-on-kosovo');
    await transition(id, { action: 'unpublish', reason: 'Retracted' });
    const top = await get('/collections/top-stories');
    expect(top.body.items.map((item: { article: { id: string } }) => item.article.id)).not.toContain(id);
    const kosovo = await get('/articles/nato-reinforces-presence-in-kosovo');
    expect(JSON.stringify(kosovo.body)).not.toContain('Serbia invokes UN resolution on Kosovo');
    const delta = await get(`/sync?token=${token}`);
    expect(delta.body.items).toContainEqual({ op: 'delete', id, slug: 'serbia-invokes-un-resolution-on-kosovo', locale: 'en' });
  });

  it('shows a working copy only with a valid preview token, never cached', async () => {
    const id = await articleId('eu-envoy-to-visit-belgrade-and-pristina');
    const issued = await adminCall('POST', `/articles/${id}/preview-token`);
    expect(issued.status).toBe(201);
    const preview = await fetch(`${delivery.url}/content/v1/preview/articles/${id}?token=${encodeURIComponent(issued.body.token)}`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    expect(((await preview.json()) as { headline: string }).headline).toBe('EU envoy to visit Belgrade and Pristina');
    const other = await articleId('nato-reinforces-presence-in-kosovo');
    expect((await get(`/preview/articles/${other}?token=${encodeURIComponent(issued.body.token)}`)).status).toBe(403);
    const [a, exp, ...rest] = (issued.body.token as string).split('.');
    expect((await get(`/preview/articles/${id}?token=${[a, Number(exp) + 1, ...rest].join('.')}`)).status).toBe(403);
    expect((await get(`/preview/articles/${id}`)).status).toBe(400);
  });

  it('merges "North Atlantic Treaty Organization" into NATO: the old URL answers 301 and every story appears once', async () => {
    const admin2 = await createUser(db.prisma, 'admin');
    const duplicate = await db.prisma.tag.findUniqueOrThrow({ where: { slug: 'north-atlantic-treaty-organization' } });
    const nato = await db.prisma.tag.findUniqueOrThrow({ where: { slug: 'nato' } });
    // One story carries both tags, another only the duplicate.
    for (const [slug, tagIds] of [
      ['nato-reinforces-presence-in-kosovo', [nato.id, duplicate.id]],
      ['dispatch-daily-e1125-the-balkans-on-edge', [duplicate.id]],
    ] as const) {
      const id = await articleId(slug);
      const current = await adminCall('GET', `/articles/${id}`);
      const edited = await adminCall(
        'PATCH',
        `/articles/${id}`,
        { tagIds: [...current.body.tagIds.filter((t: string) => t !== nato.id && t !== duplicate.id), ...tagIds] },
        { 'if-match': `"${current.body.version}"` },
      );
      expect(edited.status).toBe(200);
      expect((await adminCall('POST', `/articles/${id}/transitions`, { action: 'publish' }, { 'if-match': `"${edited.body.version}"` })).status).toBe(200);
    }
    expect((await get('/tags/north-atlantic-treaty-organization')).body.data).toHaveLength(2);
    const merged = await call(`${admin.url}/admin/v1`, 'POST', `/tags/${duplicate.id}/merge`, { auth: admin2.auth, body: { intoId: nato.id } });
    expect(merged.status).toBe(200);
    await eventually(
      async () => {
        const response = await fetch(`${delivery.url}/content/v1/tags/north-atlantic-treaty-organization`, { redirect: 'manual' });
        if (response.status !== 301) throw new Error(String(response.status));
        expect(response.headers.get('location')).toBe('/content/v1/tags/nato');
      },
      2000,
      50,
    );
    const listing = await get('/tags/nato?limit=100');
    const ids = listing.body.data.map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(listing.body.data.map((a: { slug: string }) => a.slug)).toEqual(
      expect.arrayContaining(['nato-reinforces-presence-in-kosovo', 'dispatch-daily-e1125-the-balkans-on-edge']),
    );
    const kosovo = await get('/articles/nato-reinforces-presence-in-kosovo');
    expect(kosovo.body.tags.filter((t: { slug: string }) => t.slug === 'nato')).toHaveLength(1);
  });

  it('stops showing an article and media the moment they expire, and no cache outlives them', async () => {
    // Each answer is judged by when it was asked for and received, never by a fixed sleep, so a slow
    // machine cannot fail it; a run too slow to see every phase is repeated with longer lifetimes.
    const section = await db.prisma.section.findFirstOrThrow({ where: { slug: 'sport' } });
    const maxAgeOf = (response: { headers: Headers }) => Number(/max-age=(\d+)/.exec(response.headers.get('cache-control')!)![1]);
    const expireOnce = async (attempt: number, lifetimeMs: number) => {
      const phases = new Set<string>();
      const photoExpires = Date.now() + lifetimeMs;
      const photo = await db.prisma.mediaAsset.create({
        data: {
          kind: 'image',
          mime: 'image/jpeg',
          bytes: BigInt(10),
          sha256: `${attempt}`.padStart(64, 'f'),
          storageKey: `ff/${`${attempt}`.padStart(64, 'f')}`,
          width: 800,
          height: 600,
          credit: 'Reuters',
          rightsExpireAt: new Date(photoExpires),
        },
      });
      const articleExpires = Date.now() + (lifetimeMs * 8) / 5;
      const created = await adminCall('POST', '/articles', {
        headline: `Short-lived story ${attempt}`,
        sectionId: section.id,
        leadMediaId: photo.id,
        expireAt: new Date(articleExpires).toISOString(),
      });
      expect((await adminCall('POST', `/articles/${created.body.id}/transitions`, { action: 'publish' }, { 'if-match': '"1"' })).status).toBe(200);
      for (;;) {
        const sent = Date.now();
        const response = await get(`/articles/${created.body.slug}`);
        const received = Date.now();
        if (sent > articleExpires) {
          expect(response.status).toBe(404);
          return phases;
        }
        if (received < photoExpires) {
          expect(response.body.leadImage).toMatchObject({ credit: 'Reuters' });
          expect(maxAgeOf(response)).toBeLessThanOrEqual(Math.ceil(lifetimeMs / 1000));
          phases.add('with its image');
        } else if (sent > photoExpires && received < articleExpires) {
          expect(response.status).toBe(200);
          expect(response.body.leadImage).toBeNull();
          expect(maxAgeOf(response)).toBeLessThanOrEqual(Math.ceil((lifetimeMs * 8) / 5 / 1000));
          phases.add('without its image');
        } // else the request straddled an expiry, and either answer is right
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    let phases = new Set<string>();
    for (let attempt = 0, lifetimeMs = 2500; phases.size < 2 && attempt < 4; attempt++, lifetimeMs *= 2) phases = await expireOnce(attempt, lifetimeMs);
    expect([...phases]).toEqual(['with its image', 'without its image']);
    expect(JSON.stringify((await get('/articles?limit=100')).body)).not.toContain('Short-lived story');
  }, 120_000);

  it('answers bad query parameters with 400 problem+json, never 5xx', async () => {
    for (const path of [
      '/articles?limit=abc',
      '/articles?limit=0',
      '/articles?cursor=%%%',
      '/articles?locale=xx',
      '/articles?tag=no-such-tag',
      '/articles?color=red',
      '/search',
      '/search?q=',
      '/sync?token=garbage',
      '/articles/x?format=pdf',
    ]) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await get('/articles/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  it('answers CORS preflights at the edge and marks responses for listed origins', async () => {
    const preflight = await fetch(`${delivery.url}/content/v1/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    const response = await fetch(`${delivery.url}/content/v1/sections`, { headers: { origin: 'https://www.example.org' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('rate-limits per address, with a higher limit for an API key', async () => {
    const limited = await startDeliveryApi(db.url, { DELIVERY_RATE_LIMIT: '3', DELIVERY_API_KEYS: 'partner-key-123', DELIVERY_API_KEY_RATE_LIMIT: '100' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await fetch(`${limited.url}/content/v1/sections`)).status);
      // Fixed one-minute windows: a run that straddles a window boundary may get a second allowance of 3.
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(6);
      expect(statuses).toContain(429);
      expect((await fetch(`${limited.url}/content/v1/sections`, { headers: { 'x-api-key': 'partner-key-123' } })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  describe('representations as real clients found them (issue 13)', () => {
    const local = (url: string) => url.replace(/^http:\/\/[^/]+/, delivery.url);
    const sizeOf = async (url: string) => {
      const response = await fetch(local(url));
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      const { width, height } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      return { width, height };
    };

    it('gives the width and height of the very file each image URL names, and the ladder up to the original, grouped by format', async () => {
      const { body: story } = await get('/articles/nato-reinforces-presence-in-kosovo');
      const lead = story.leadImage;
      // The seed's photos are 1600×900: the ladder now reaches 1600 and the URL given is that file.
      expect(lead.url).toMatch(/\/1600\.jpeg$/);
      expect(await sizeOf(lead.url)).toEqual({ width: lead.width, height: lead.height });
      expect(story.seo.ogImage).toMatchObject({ url: lead.url, width: lead.width, height: lead.height });
      expect(await sizeOf(story.seo.ogImage.url)).toEqual({ width: story.seo.ogImage.width, height: story.seo.ogImage.height });
      expect([...new Set(lead.renditions.map((r: { width: number }) => r.width))]).toEqual([320, 640, 960, 1280, 1600]);
      for (const rendition of lead.renditions.filter((r: { format: string; width: number }) => r.format === 'jpeg' || r.width === 1600))
        expect(await sizeOf(rendition.url)).toEqual({ width: rendition.width, height: rendition.height });
      expect(lead.sources.map((s: { format: string }) => s.format)).toEqual(['avif', 'webp', 'jpeg']);
      const jpeg = lead.sources.find((s: { format: string }) => s.format === 'jpeg');
      expect(jpeg).toMatchObject({ type: 'image/jpeg' });
      expect(jpeg.srcset.split(', ').map((entry: string) => entry.split(' ')[1])).toEqual(['320w', '640w', '960w', '1280w', '1600w']);
      // Cards in lists: the card ladder (≤ 960, WebP and JPEG), grouped the same way.
      const card = (await get('/articles?section=europe')).body.data[0].leadImage;
      expect(card.sources.map((s: { format: string }) => s.format)).toEqual(['webp', 'jpeg']);
      expect(await sizeOf(card.url)).toEqual({ width: card.width, height: card.height });
    });

    it('offers JSON-LD images in 16:9, 4:3 and 1:1 that the rendition route serves at the size stated, with author and publisher URLs and the logo', async () => {
      const { body: story } = await get('/articles/nato-reinforces-presence-in-kosovo');
      const images: { url: string; width: number; height: number }[] = story.jsonLd.image;
      expect(images.map((image) => Math.round((image.width / image.height) * 100) / 100)).toEqual([1.78, 1.33, 1]);
      for (const image of images) expect(await sizeOf(image.url)).toEqual({ width: image.width, height: image.height });
      expect(story.jsonLd.author).toEqual([{ '@type': 'Person', name: 'Rade Reporter', url: expect.stringMatching(/^http:\/\/.+\/authors\/[a-z-]+$/) }]);
      expect(story.jsonLd.publisher).toEqual({
        '@type': 'Organization',
        name: expect.any(String),
        url: expect.stringMatching(/^https?:\/\//),
        logo: { '@type': 'ImageObject', url: 'https://news.example/logo.png' },
      });
    });

    it('describes a podcast episode as a PodcastEpisode with its audio', async () => {
      const { body: episode } = await get('/articles/dispatch-daily-e1125-the-balkans-on-edge');
      expect(episode.jsonLd).toMatchObject({
        '@type': 'PodcastEpisode',
        episodeNumber: 1125,
        associatedMedia: {
          '@type': 'AudioObject',
          contentUrl: episode.episode.audio.url,
          encodingFormat: 'audio/mpeg',
          duration: expect.stringMatching(/^PT\d+M\d+S$/),
        },
      });
    });

    it('serves ninjs that IPTC’s own ninjs 2.0 schema accepts, a podcast episode as audio with its file', async () => {
      const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false });
      addFormats.default(ajv);
      // The schema refers to GeoJSON for places' geometry, which Dispatch never sends: a permissive stand-in keeps the test offline.
      ajv.addSchema({}, 'https://geojson.org/schema/GeoJSON.json');
      const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/ninjs/ninjs-schema_2.0.json'), 'utf8')));
      for (const slug of ['nato-reinforces-presence-in-kosovo', 'dispatch-daily-e1125-the-balkans-on-edge']) {
        const { body } = await get(`/articles/${slug}?format=ninjs`);
        expect({ slug, errors: validate(body) ? [] : validate.errors }).toEqual({ slug, errors: [] });
      }
      const { body: podcast } = await get('/articles/dispatch-daily-e1125-the-balkans-on-edge?format=ninjs');
      expect(podcast).toMatchObject({ type: 'audio', representationtype: 'full' });
      expect(podcast.renditions).toContainEqual(expect.objectContaining({ name: 'original', contenttype: 'audio/mpeg', duration: expect.any(Number) }));
      expect(podcast.associations).toContainEqual(expect.objectContaining({ name: 'audio', type: 'audio' }));
    });

    it('serves body text both as stored and as spans, so no client parses the marks', async () => {
      const { body: story } = await get('/articles/nato-reinforces-presence-in-kosovo');
      const marked = story.body.find((block: { type: string; text?: string }) => block.type === 'paragraph' && block.text?.startsWith('_'));
      expect(marked).toMatchObject({
        text: '_Reporting by Rade Reporter in Leposavic._',
        spans: [{ text: 'Reporting by Rade Reporter in Leposavic.', marks: ['italic'] }],
      });
      for (const block of story.body.filter((b: { type: string }) => b.type === 'paragraph' || b.type === 'heading'))
        expect(block.spans.length).toBeGreaterThan(0);
    });
  });
});
