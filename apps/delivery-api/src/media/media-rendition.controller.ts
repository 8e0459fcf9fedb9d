import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, Public } from '#common';
import { MediaFileService, MediaRenditionService, parseRange } from '#content';
import { etagMatches } from '../http/delivery-responder.js';
import { RenditionQueryDto } from './rendition-query.dto.js';

const FILE = /^(\d{1,5})\.(webp|avif|jpeg)$/;

/** GET /content/v1/media/:id/:width.:format[?aspect=16x9] — immutable image renditions. */
@ApiTags('media')
@Public()
@Controller('media')
export class MediaRenditionController {
  constructor(
    private readonly renditions: MediaRenditionService,
    private readonly files: MediaFileService,
  ) {}

  /** Audio and video files as uploaded (podcast enclosures), with Range support for players that seek. */
  @Get(':id/original')
  async original(
    @Param('id') id: string,
    @Headers('range') range: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.files.original(id.toLowerCase());
    reply.headers({ etag: file.etag, 'accept-ranges': 'bytes', 'cache-control': 'public, max-age=31536000, immutable', 'content-type': file.contentType });
    if (ifNoneMatch && etagMatches(ifNoneMatch, file.etag)) {
      reply.status(304).send();
      return;
    }
    if (range) {
      const bytes = parseRange(range, file.bytes);
      if (!bytes) {
        reply.status(416).header('content-range', `bytes */${file.bytes}`).send();
        return;
      }
      reply
        .status(206)
        .header('content-range', `bytes ${bytes.start}-${bytes.end}/${file.bytes}`)
        .header('content-length', String(bytes.end - bytes.start + 1))
        .send(await file.open(bytes));
      return;
    }
    reply
      .status(200)
      .header('content-length', String(file.bytes))
      .send(await file.open());
  }

  @Get(':id/:file')
  @ApiResponse({ status: 404, description: 'not_found: no such image, width, format or aspect (problem+json)' })
  @ApiResponse({ status: 422, description: 'unprocessable: the stored image cannot be rendered at this size (problem+json)' })
  async rendition(
    @Param('id') id: string,
    @Param('file') file: string,
    @Query() query: RenditionQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const match = FILE.exec(file);
    if (!match) throw DomainError.notFound('Rendition');
    const rendition = await this.renditions.rendition(id.toLowerCase(), Number(match[1]), match[2], query.aspect);
    const etag = `"${rendition.etag}"`;
    reply.header('etag', etag);
    reply.header('cache-control', `public, max-age=${rendition.maxAgeSeconds}${rendition.maxAgeSeconds > 0 ? ', immutable' : ''}`);
    if (ifNoneMatch && etagMatches(ifNoneMatch, etag)) {
      reply.status(304).send();
      return;
    }
    const body = await rendition.open();
    reply.status(200).header('content-type', rendition.contentType).header('content-length', String(rendition.bytes)).send(body);
  }
}
