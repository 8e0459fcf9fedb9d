import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Problems, Public } from '#common';
import { ArticleListResultSchema, DeliveryReader, FullArticleSchema, NinjsSchema, SearchPageSchema, surrogateKey, toNinjs } from '#content';
import { DeliveryResponds } from '../http/delivery-contract.js';
import { DeliveryResponder } from '../http/delivery-responder.js';
import { ArticleListQueryDto, ArticleQueryDto, SearchQueryDto, SLUG_PATTERN } from './content.dto.js';
import { TaxonomyLookup } from './taxonomy-lookup.js';

@Public()
@ApiTags('articles')
@Controller()
export class ArticleController {
  constructor(
    private readonly reader: DeliveryReader,
    private readonly lookup: TaxonomyLookup,
    private readonly responder: DeliveryResponder,
  ) {}

  @Get('articles')
  @ApiOperation({ summary: 'Live articles, newest first; filters by section (with descendants), tag, author, locale, kind; q searches' })
  @DeliveryResponds(
    { 'application/json': ArticleListResultSchema },
    {
      description:
        'summaries, newest first; with `q`, search hits ranked (each also has `rank` and `snippet`, as /search). An unknown section, tag or author slug is a 400',
    },
  )
  async list(@Query() query: ArticleListQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const filters = await this.lookup.filters(query);
    const locale = query.locale ? await this.lookup.locale(query.locale) : undefined;
    if (query.q) {
      const result = await this.reader.search(query.q, locale ?? (await this.lookup.locale(undefined)), query.limit, query.cursor);
      return this.responder.send(request, reply, {
        body: { data: result.data, nextCursor: result.nextCursor },
        keys: [surrogateKey.lists, ...result.articleIds.map(surrogateKey.article)],
        validUntil: result.validUntil,
      });
    }
    const result = await this.reader.list({ ...filters, locale, kind: query.kind, cursor: query.cursor, limit: query.limit });
    const keys = [
      surrogateKey.lists,
      ...(filters.sectionId ? [surrogateKey.section(filters.sectionId)] : []),
      ...(filters.tagId ? [surrogateKey.tag(filters.tagId)] : []),
      ...(filters.authorId ? [surrogateKey.author(filters.authorId)] : []),
      ...result.articleIds.map(surrogateKey.article),
    ];
    this.responder.send(request, reply, { body: { data: result.data, nextCursor: result.nextCursor }, keys, validUntil: result.validUntil });
  }

  @Get('articles/:slug')
  @ApiOperation({ summary: 'One live article with its body resolved; ?format=ninjs for IPTC ninjs' })
  @DeliveryResponds(
    { 'application/json': FullArticleSchema, 'application/ninjs+json': NinjsSchema },
    {
      description: 'the full article (`application/json`, with Content-Language), or with `format=ninjs` the IPTC ninjs 2.0 item',
      headers: ['Content-Language'],
    },
  )
  @Problems('not_found')
  async article(@Param('slug') slug: string, @Query() query: ArticleQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!SLUG_PATTERN.test(slug) || slug.length > 120) throw DomainError.notFound('Article');
    const locale = await this.lookup.locale(query.locale);
    const found = await this.reader.article(slug, locale);
    if (!found) throw DomainError.notFound('Article');
    const { article, row, validUntil } = found;
    const keys = [
      surrogateKey.article(article.id),
      ...row.tag_ids.map(surrogateKey.tag),
      ...row.author_ids.map(surrogateKey.author),
      surrogateKey.section(row.section_id),
      ...article.related.map((r) => surrogateKey.article(r.id)),
      ...article.body.flatMap((block) => (block.type === 'related' ? [surrogateKey.article(block.article.id)] : [])),
    ];
    if (query.format === 'ninjs') {
      return this.responder.send(request, reply, {
        body: toNinjs(article, row.document.revision, this.reader.siteName),
        contentType: 'application/ninjs+json; charset=utf-8',
        keys,
        validUntil,
      });
    }
    this.responder.send(request, reply, { body: article, keys, validUntil, headers: { 'content-language': article.locale } });
  }

  @Get('search')
  @ApiOperation({ summary: 'Full-text search in one language, ranked (headline and standfirst above body), with highlighted snippets' })
  @DeliveryResponds({ 'application/json': SearchPageSchema })
  async search(@Query() query: SearchQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = await this.lookup.locale(query.locale);
    const result = await this.reader.search(query.q, locale, query.limit, query.cursor);
    this.responder.send(request, reply, {
      body: { data: result.data, nextCursor: result.nextCursor },
      keys: [surrogateKey.lists, ...result.articleIds.map(surrogateKey.article)],
      validUntil: result.validUntil,
    });
  }
}
