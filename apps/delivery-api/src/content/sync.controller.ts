import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Problems, Public, Responds } from '#common';
import { PreviewArticleSchema, PreviewReader, surrogateKey, SyncPageSchema, SyncReader } from '#content';
import { DeliveryResponds } from '../http/delivery-contract.js';
import { DeliveryResponder } from '../http/delivery-responder.js';
import { PreviewQueryDto, SyncQueryDto } from './content.dto.js';

@Public()
@ApiTags('sync and preview')
@Controller()
export class SyncController {
  constructor(
    private readonly sync: SyncReader,
    private readonly previews: PreviewReader,
    private readonly responder: DeliveryResponder,
  ) {}

  @Get('sync')
  @ApiOperation({ summary: 'Delta sync: no token → everything live (paged); with a token → what was published, updated or removed since' })
  @DeliveryResponds({ 'application/json': SyncPageSchema }, { description: 'a page of changes (`max-age=0`: always revalidate)' })
  async changes(@Query() query: SyncQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { validUntil, ...page } = await this.sync.page(query.token, query.limit);
    this.responder.send(request, reply, { body: page, keys: [surrogateKey.lists], maxAge: 0, validUntil });
  }

  @Get('preview/articles/:id')
  @ApiOperation({ summary: 'The working copy, for a valid preview token only; never cached' })
  @Responds(200, PreviewArticleSchema, {
    headers: ['Cache-Control'],
    description: 'the working copy; `Cache-Control: private, no-store`, `X-Robots-Tag: noindex`',
  })
  @Problems('forbidden', 'not_found')
  async preview(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Article') })) id: string,
    @Query() query: PreviewQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const article = await this.previews.preview(id, query.token);
    reply
      .headers({ 'cache-control': 'private, no-store', 'content-type': 'application/json; charset=utf-8', 'x-robots-tag': 'noindex' })
      .send(JSON.stringify(article));
  }
}
