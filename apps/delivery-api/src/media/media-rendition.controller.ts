import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
    reply.headers({ etag: file.etag, 'accept-ranges': 'bytes', 'cache-control': publicCaching(file.maxAgeSeconds), 'content-type': file.contentType });
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
    reply.header('cache-control', publicCaching(rendition.maxAgeSeconds));
    if (ifNoneMatch && etagMatches(ifNoneMatch, etag)) {
      reply.status(304).send();
      return;
    }
    const body = await rendition.open();
    reply.status(200).header('content-type', rendition.contentType).header('content-length', String(rendition.bytes)).send(body);
  }
}

/** Media bytes never change under one URL; only their rights (or their use) end, which caps how long caches keep them. */
function publicCaching(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}${maxAgeSeconds > 0 ? ', immutable' : ''}`;
}
