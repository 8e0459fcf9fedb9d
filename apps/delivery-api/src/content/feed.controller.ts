import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DISPATCH_CONFIG, type DispatchConfig, DomainError, Public } from '#common';
import {
  articlePublicUrl,
  atomFeed,
  DeliveryReader,
  type FeedSpec,
  jsonFeed,
  newsSitemap,
  rssFeed,
  sitemapIndex,
  soonest,
  surrogateKey,
  TaxonomyCache,
  urlSet,
} from '#content';
import { Inject } from '@nestjs/common';
import { DeliveryResponder } from '../http/delivery-responder.js';
import { FeedQueryDto } from './content.dto.js';
import { TaxonomyLookup } from './taxonomy-lookup.js';

const FEED_SIZE = 50;
const SITEMAP_PAGE = 5000;

@Public()
@ApiTags('feeds and sitemaps')
@Controller()
export class FeedController {
  constructor(
    private readonly reader: DeliveryReader,
    private readonly taxonomy: TaxonomyCache,
    private readonly lookup: TaxonomyLookup,
    private readonly responder: DeliveryResponder,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  @Get('feeds/rss.xml')
  @ApiOperation({ summary: 'RSS 2.0 (?section=&tag=&locale=), with podcast enclosures and itunes tags' })
  async rss(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { feed, keys, validUntil } = await this.feed(query, request, 'rss.xml');
    this.responder.send(request, reply, { body: rssFeed(feed), contentType: 'application/rss+xml; charset=utf-8', keys, validUntil });
  }

  @Get('feeds/atom.xml')
  @ApiOperation({ summary: 'Atom 1.0 (?section=&tag=&locale=)' })
  async atom(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { feed, keys, validUntil } = await this.feed(query, request, 'atom.xml');
    this.responder.send(request, reply, { body: atomFeed(feed), contentType: 'application/atom+xml; charset=utf-8', keys, validUntil });
  }

  @Get('feeds/feed.json')
  @ApiOperation({ summary: 'JSON Feed 1.1 (?section=&tag=&locale=)' })
  async json(@Query() query: FeedQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { feed, keys, validUntil } = await this.feed(query, request, 'feed.json');
    this.responder.send(request, reply, { body: jsonFeed(feed), contentType: 'application/feed+json; charset=utf-8', keys, validUntil });
  }

  @Get('sitemaps/index.xml')
  @ApiOperation({ summary: 'Sitemap index: the news sitemap and every article sitemap page' })
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const live = await this.reader.liveCount();
    const pages = Math.max(1, Math.ceil(live.count / SITEMAP_PAGE));
    const base = `${this.config.delivery.publicUrl}/content/v1/sitemaps`;
    const body = sitemapIndex([{ loc: `${base}/news.xml` }, ...Array.from({ length: pages }, (_, i) => ({ loc: `${base}/articles-${i + 1}.xml` }))]);
    this.responder.send(request, reply, { body, contentType: 'application/xml; charset=utf-8', keys: [surrogateKey.lists], validUntil: live.validUntil });
  }

  @Get('sitemaps/news.xml')
  @ApiOperation({ summary: 'Google News sitemap: the last 48 hours' })
  async news(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.reader.list({ since: new Date(Date.now() - 48 * 3600_000), limit: 1000 });
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
  @ApiOperation({ summary: 'Article sitemap pages: articles-1.xml, articles-2.xml, … with hreflang alternates' })
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
        alternates: row.editions.length > 1 ? row.editions.map((edition) => ({ hreflang: edition.locale, href: url(edition) })) : [],
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
    const scope = [
      filters.sectionId ? snapshot.sections.get(filters.sectionId)?.name : undefined,
      filters.tagId ? snapshot.tags.get(filters.tagId)?.name : undefined,
    ].filter(Boolean);
    const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return {
      feed: {
        title: scope.length ? `${this.config.site.name}: ${scope.join(' · ')}` : this.config.site.name,
        description: `Latest from ${this.config.site.name}${scope.length ? ` on ${scope.join(', ')}` : ''}`,
        homeUrl: this.config.site.baseUrl,
        selfUrl: `${this.config.delivery.publicUrl}/content/v1/feeds/${file}${search}`,
        language: locale,
        updated: result.data[0]?.updatedAt ?? new Date(0).toISOString(),
        items: result.data,
      },
      keys: [
        surrogateKey.lists,
        ...(filters.sectionId ? [surrogateKey.section(filters.sectionId)] : []),
        ...(filters.tagId ? [surrogateKey.tag(filters.tagId)] : []),
        ...result.articleIds.map(surrogateKey.article),
      ],
      validUntil: result.validUntil,
    };
  }
}
