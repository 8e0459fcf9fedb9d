import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, Problems, Public, Responds } from '#common';
import { PreviewArticleSchema, PreviewReader } from '#content';
import { PreviewQueryDto } from './content.dto.js';

/** The working copy of an article, for whoever holds a valid preview token; never cached. */
@Public()
@ApiTags('preview')
@Controller()
export class PreviewController {
  constructor(private readonly previews: PreviewReader) {}

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
