import { applyDecorators, Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DISPATCH_CONFIG, type DispatchConfig, DomainError, Problems, Public, Responds, RespondsWith } from '#common';
import {
  articlePublicUrl,
  atomFeed,
  DeliveryReader,
  type FeedSpec,
  FeedReader,
  hreflangAlternates,
  jsonFeed,
  JsonFeedSchema,
  newsSitemap,
  robotsTxt,
  rssFeed,
  sitemapIndex,
  soonest,
  surrogateKey,
  TaxonomyCache,
  urlSet,
} from '#content';
import { DeliveryResponder } from '../http/delivery-responder.js';
import { FeedQueryDto } from './content.dto.js';
import { TaxonomyLookup } from './taxonomy-lookup.js';

const FEED_SIZE = 50;
const SITEMAP_PAGE = 5000;
const NEWS_WINDOW_MS = 48 * 3600_000;

/** What every cacheable document here answers: 200 in its content type with the caching headers, or 304 to If-None-Match. */
function Cacheable(contentTypes: Record<string, 'text'> | null, description: string) {
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'an ETag from an earlier response: 304 while it is still current' }),
    contentTypes
      ? RespondsWith(200, contentTypes, { description, headers: ['ETag', 'Cache-Control', 'Surrogate-Key'] })
      : Responds(200, JsonFeedSchema, { description, contentType: 'application/feed+json', headers: ['ETag', 'Cache-Control', 'Surrogate-Key'] }),
    Responds(304, null, { description: 'unchanged since the ETag sent in If-None-Match', headers: ['ETag', 'Cache-Control', 'Surrogate-Key'] }),
  );
}

@Public()
@ApiTags('feeds and sitemaps')
@Controller()
export class FeedController {
  constructor(
    private readonly reader: DeliveryReader,
    private readonly feeds: FeedReader,
    private readonly taxonomy: TaxonomyCache,
    private readonly lookup: TaxonomyLookup,
    private readonly responder: DeliveryResponder,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  @Get('feeds/rss.xml')
  @ApiOperation({
    summary: 'RSS 2.0 (?section=&tag=&locale=): lead images (Media RSS), bodies, podcast enclosures and itunes tags',
    description: 'An unknown section or tag, or a locale that is not configured, is a 400.',
  })
  @Cacheable({ 'application/rss+xml': 'text' }, 'RSS 2.0; a podcast feed (any episode with audio) adds the Apple Podcasts channel tags')
  async rss(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { feed, keys, validUntil } = await this.feed(query, request, 'rss.xml');
    this.responder.send(request, reply, { body: rssFeed(feed), contentType: 'application/rss+xml; charset=utf-8', keys, validUntil });
  }

  @Get('feeds/atom.xml')
  @ApiOperation({ summary: 'Atom 1.0 (?section=&tag=&locale=) with lead images, bodies and the section as category' })
  @Cacheable({ 'application/atom+xml': 'text' }, 'Atom 1.0 (RFC 4287)')
  async atom(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { feed, keys, validUntil } = await this.feed(query, request, 'atom.xml');
    this.responder.send(request, reply, { body: atomFeed(feed), contentType: 'application/atom+xml; charset=utf-8', keys, validUntil });
  }

  @Get('feeds/feed.json')
  @ApiOperation({ summary: 'JSON Feed 1.1 (?section=&tag=&locale=) with the body as content_html' })
  @Cacheable(null, 'JSON Feed 1.1')
  async json(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { feed, keys, validUntil } = await this.feed(query, request, 'feed.json');
    this.responder.send(request, reply, { body: jsonFeed(feed), contentType: 'application/feed+json; charset=utf-8', keys, validUntil });
  }

  @Get('robots.txt')
  @ApiOperation({
    summary: "robots.txt for the site host, naming this API's sitemap index",
    description:
      "Serve it as the site's own /robots.txt (proxy SITE_BASE_URL/robots.txt here): a Sitemap line in the site host's robots.txt is how search engines accept sitemaps served from the delivery host for the site's URLs.",
  })
  @Cacheable({ 'text/plain': 'text' }, 'robots.txt with a Sitemap line for DELIVERY_PUBLIC_URL/content/v1/sitemaps/index.xml')
  robots(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const body = robotsTxt(`${this.config.delivery.publicUrl}/content/v1/sitemaps/index.xml`);
    this.responder.send(request, reply, { body, contentType: 'text/plain; charset=utf-8', keys: ['robots'] });
  }

  @Get('sitemaps/index.xml')
  @ApiOperation({ summary: 'Sitemap index: the news sitemap and every article sitemap page, each with its lastmod' })
  @Cacheable({ 'application/xml': 'text' }, 'sitemaps.org sitemap index')
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const live = await this.feeds.sitemapLastmods(SITEMAP_PAGE, new Date(Date.now() - NEWS_WINDOW_MS));
    const pages = Math.max(1, Math.ceil(live.count / SITEMAP_PAGE));
    const base = `${this.config.delivery.publicUrl}/content/v1/sitemaps`;
    const body = sitemapIndex([
      { loc: `${base}/news.xml`, lastmod: live.news?.toISOString() },
      ...Array.from({ length: pages }, (_, i) => ({ loc: `${base}/articles-${i + 1}.xml`, lastmod: live.pages[i]?.toISOString() })),
    ]);
    this.responder.send(request, reply, { body, contentType: 'application/xml; charset=utf-8', keys: [surrogateKey.lists], validUntil: live.validUntil });
  }

  @Get('sitemaps/news.xml')
  @ApiOperation({ summary: 'Google News sitemap: the last 48 hours' })
  @Cacheable({ 'application/xml': 'text' }, 'Google News sitemap')
  async news(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.reader.list({ since: new Date(Date.now() - NEWS_WINDOW_MS), limit: 1000 });
    const body = newsSitemap(
      this.config.site.name,
      result.data.map((item) => ({ loc: item.url, language: item.locale, publishedAt: item.publishedAt, title: item.headline })),
    );
    this.responder.send(request, reply, {
      body,
      contentType: 'application/xml; charset=utf-8',
      keys: [surrogateKey.lists],
      maxAge: Math.min(this.config.delivery.maxAge, 300),
      validUntil: result.validUntil,
    });
  }

  @Get('sitemaps/:file')
  @ApiOperation({ summary: 'Article sitemap pages: articles-1.xml, articles-2.xml, … with hreflang alternates (x-default: the default locale)' })
  @ApiParam({ name: 'file', description: '`articles-<n>.xml`, n from 1 (5,000 URLs a page); any other name is a 404', example: 'articles-1.xml' })
  @Cacheable({ 'application/xml': 'text' }, 'sitemaps.org urlset with xhtml:link hreflang alternates')
  @Problems('not_found')
  async articles(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const match = /^articles-(\d{1,6})\.xml$/.exec(file);
    const page = match ? Number(match[1]) : 0;
    if (page < 1) throw DomainError.notFound('Sitemap');
    const rows = await this.reader.sitemapPage(page, SITEMAP_PAGE);
    if (rows.length === 0 && page > 1) throw DomainError.notFound('Sitemap');
    const snapshot = await this.taxonomy.get();
    const url = (row: { locale: string; slug: string; section_id: string }) =>
      articlePublicUrl(this.config.site, { locale: row.locale, slug: row.slug, sectionSlug: snapshot.sections.get(row.section_id)?.slug });
    const body = urlSet(
      rows.map((row) => ({
        loc: url(row),
        lastmod: row.updated_at.toISOString(),
        alternates: hreflangAlternates(row.editions, snapshot.defaultLocale, url),
      })),
    );
    const now = Date.now();
    const validUntil = soonest(now, ...rows.flatMap((row) => [row.expire_at, ...row.editions.map((edition) => edition.expire_at)]).map((at) => at?.getTime()));
    this.responder.send(request, reply, { body, contentType: 'application/xml; charset=utf-8', keys: [surrogateKey.lists], validUntil });
  }

  private async feed(query: FeedQueryDto, request: FastifyRequest, file: string): Promise<{ feed: FeedSpec; keys: string[]; validUntil?: number }> {
    const filters = await this.lookup.filters(query);
    const locale = await this.lookup.locale(query.locale);
    const snapshot = await this.taxonomy.get();
    const result = await this.reader.list({ ...filters, locale, limit: FEED_SIZE });
    const bodies = await this.feeds.bodiesHtml(result.articleIds);
    const scope = [
      filters.sectionId ? snapshot.sections.get(filters.sectionId)?.name : undefined,
      filters.tagId ? snapshot.tags.get(filters.tagId)?.name : undefined,
    ].filter(Boolean);
    const podcast = this.config.site.podcast;
    const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return {
      feed: {
        title: scope.length ? `${this.config.site.name}: ${scope.join(' · ')}` : this.config.site.name,
        description: `Latest from ${this.config.site.name}${scope.length ? ` on ${scope.join(', ')}` : ''}`,
        homeUrl: this.config.site.baseUrl,
        selfUrl: `${this.config.delivery.publicUrl}/content/v1/feeds/${file}${search}`,
        language: locale,
        updated: result.data[0]?.updatedAt ?? new Date(0).toISOString(),
        items: result.data.map((item) => ({ ...item, contentHtml: bodies.html.get(item.id) })),
        podcast: {
          author: podcast.author ?? this.config.site.name,
          ownerName: podcast.ownerName ?? this.config.site.name,
          ownerEmail: podcast.ownerEmail,
          imageUrl: podcast.imageUrl ?? this.config.site.publisherLogoUrl,
          category: podcast.category,
          explicit: podcast.explicit,
        },
      },
      keys: [
        surrogateKey.lists,
        ...(filters.sectionId ? [surrogateKey.section(filters.sectionId)] : []),
        ...(filters.tagId ? [surrogateKey.tag(filters.tagId)] : []),
        ...result.articleIds.map(surrogateKey.article),
      ],
      validUntil: soonest(Date.now(), result.validUntil, bodies.validUntil),
    };
  }
}
