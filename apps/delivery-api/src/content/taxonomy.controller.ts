import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Problems, Public } from '#common';
import {
  AuthorPageSchema,
  CollectionPageSchema,
  DeliveryReader,
  localName,
  LocaleListSchema,
  SectionPageSchema,
  type SectionTreeNode,
  SectionTreeSchema,
  sectionTrail,
  soonest,
  surrogateKey,
  TagPageSchema,
  TagRedirectSchema,
  TaxonomyCache,
} from '#content';
import { DeliveryResponds } from '../http/delivery-contract.js';
import { DeliveryResponder } from '../http/delivery-responder.js';
import { ListingQueryDto, LocaleQueryDto, SLUG_PATTERN } from './content.dto.js';
import { TaxonomyLookup } from './taxonomy-lookup.js';

@Public()
@ApiTags('taxonomy')
@Controller()
export class TaxonomyController {
  constructor(
    private readonly reader: DeliveryReader,
    private readonly taxonomy: TaxonomyCache,
    private readonly lookup: TaxonomyLookup,
    private readonly responder: DeliveryResponder,
  ) {}

  @Get('sections')
  @ApiOperation({ summary: 'The section tree, in order, with names in the requested language' })
  @DeliveryResponds({ 'application/json': SectionTreeSchema })
  async sections(@Query() query: LocaleQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const locale = await this.lookup.locale(query.locale);
    const snapshot = await this.taxonomy.get();
    const nodes = [...snapshot.sections.values()];
    const build = (parentId: string | null): SectionTreeNode[] =>
      nodes
        .filter((node) => node.parentId === parentId)
        .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
        .map((node) => ({ slug: node.slug, name: localName(node, locale), children: build(node.id) }));
    this.responder.send(request, reply, { body: { data: build(null) }, keys: ['sections'] });
  }

  @Get('sections/:slug')
  @ApiOperation({ summary: 'A section with its latest articles (its descendants included)' })
  @DeliveryResponds({ 'application/json': SectionPageSchema })
  @Problems('not_found')
  async section(@Param('slug') slug: string, @Query() query: ListingQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const snapshot = await this.taxonomy.get();
    const node = SLUG_PATTERN.test(slug) ? snapshot.sectionsBySlug.get(slug) : undefined;
    if (!node) throw DomainError.notFound('Section');
    const locale = await this.lookup.locale(query.locale);
    const articles = await this.reader.list({ sectionId: node.id, locale, limit: query.limit, cursor: query.cursor });
    const children = [...snapshot.sections.values()]
      .filter((child) => child.parentId === node.id)
      .map((child) => ({ slug: child.slug, name: localName(child, locale) }));
    this.responder.send(request, reply, {
      body: {
        section: {
          slug: node.slug,
          name: localName(node, locale),
          description: node.description,
          breadcrumb: sectionTrail(node.id, snapshot, locale),
          children,
        },
        data: articles.data,
        nextCursor: articles.nextCursor,
      },
      keys: [surrogateKey.section(node.id), 'sections', ...articles.articleIds.map(surrogateKey.article)],
      validUntil: articles.validUntil,
    });
  }

  @Get('tags/:slug')
  @ApiOperation({ summary: "A tag with its latest articles; a renamed or merged tag's old slug answers 301" })
  @DeliveryResponds({ 'application/json': TagPageSchema })
  @DeliveryResponds(
    { 'application/json': TagRedirectSchema },
    {
      status: 301,
      notModified: false,
      headers: ['Location'],
      description: "a merged or renamed tag's old slug: Location is the tag under its current slug (query kept)",
    },
  )
  @Problems('not_found')
  async tag(@Param('slug') slug: string, @Query() query: ListingQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const snapshot = await this.taxonomy.get();
    const tag = SLUG_PATTERN.test(slug) ? snapshot.tagsBySlug.get(slug) : undefined;
    if (!tag) {
      const target = snapshot.tagRedirects.get(slug);
      const current = target ? snapshot.tags.get(target) : undefined;
      if (!current) throw DomainError.notFound('Tag');
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return this.responder.send(request, reply, {
        status: 301,
        body: { redirect: `/content/v1/tags/${current.slug}` },
        headers: { location: `/content/v1/tags/${encodeURIComponent(current.slug)}${search}` },
        keys: [surrogateKey.tag(current.id)],
      });
    }
    const locale = query.locale ? await this.lookup.locale(query.locale) : undefined;
    const articles = await this.reader.list({ tagId: tag.id, locale, limit: query.limit, cursor: query.cursor });
    this.responder.send(request, reply, {
      body: {
        tag: { slug: tag.slug, name: localName(tag, locale ?? snapshot.defaultLocale), description: tag.description, names: tag.names },
        data: articles.data,
        nextCursor: articles.nextCursor,
      },
      keys: [surrogateKey.tag(tag.id), ...articles.articleIds.map(surrogateKey.article)],
      validUntil: articles.validUntil,
    });
  }

  @Get('authors/:slug')
  @ApiOperation({ summary: 'A byline profile with its latest articles' })
  @DeliveryResponds({ 'application/json': AuthorPageSchema })
  @Problems('not_found')
  async author(@Param('slug') slug: string, @Query() query: ListingQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const snapshot = await this.taxonomy.get();
    const author = SLUG_PATTERN.test(slug) ? snapshot.authorsBySlug.get(slug) : undefined;
    if (!author) throw DomainError.notFound('Author');
    const locale = query.locale ? await this.lookup.locale(query.locale) : undefined;
    const articles = await this.reader.list({ authorId: author.id, locale, limit: query.limit, cursor: query.cursor });
    const photo = await this.reader.authorPhoto(author.photoMediaId);
    this.responder.send(request, reply, {
      body: {
        author: { slug: author.slug, name: author.name, bio: author.bio, links: author.links, photo: photo.image },
        data: articles.data,
        nextCursor: articles.nextCursor,
      },
      keys: [surrogateKey.author(author.id), ...articles.articleIds.map(surrogateKey.article)],
      // The photo's rights expiry (or the end of its last live use) bounds the page like any image in it.
      validUntil: soonest(Date.now(), articles.validUntil, photo.validUntil),
    });
  }

  @Get('locales')
  @ApiOperation({ summary: 'Language editions: code, names, right-to-left flag, default' })
  @DeliveryResponds({ 'application/json': LocaleListSchema })
  async locales(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const snapshot = await this.taxonomy.get();
    this.responder.send(request, reply, {
      body: { data: [...snapshot.locales.values()].map((l) => ({ code: l.code, name: l.name, nativeName: l.nativeName, rtl: l.rtl, default: l.isDefault })) },
      keys: ['locales'],
    });
  }

  @Get('collections/:slug')
  @ApiOperation({ summary: 'A curated list (e.g. top-stories) in order, live items only' })
  @DeliveryResponds({ 'application/json': CollectionPageSchema })
  @Problems('not_found')
  async collection(@Param('slug') slug: string, @Query() query: LocaleQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!SLUG_PATTERN.test(slug)) throw DomainError.notFound('Collection');
    const locale = await this.lookup.locale(query.locale);
    const found = await this.reader.collection(slug, locale);
    if (!found) throw DomainError.notFound('Collection');
    this.responder.send(request, reply, {
      body: {
        collection: { slug: found.collection.slug, locale: found.collection.locale, name: found.collection.name, description: found.collection.description },
        items: found.items,
      },
      keys: [surrogateKey.collection(found.collection.id), ...found.articleIds.map(surrogateKey.article)],
      validUntil: found.validUntil,
    });
  }
}
