import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, Problems, Public, Responds, RespondsWith } from '#common';
import { type MediaCaching, parseRange, PublicMediaService } from '#content';
import { NotModified } from '../http/delivery-contract.js';
import { etagMatches } from '../http/delivery-responder.js';
import { MediaFileQueryDto, RenditionQueryDto } from './rendition-query.dto.js';

const FILE = /^(\d{1,5})\.(webp|avif|jpeg)$/;
/**
 * GET /content/v1/media/:id/:width.:format[?aspect=16x9] — immutable image
 * renditions — and audio/video originals. 404 for an unknown id, or an
 * asset no live story shows (lead, body, og image, related card, author
 * photo) and no valid preview token reaches, or whose rights have expired:
 * the same answer in every case.
 */
@ApiTags('media')
@Public()
@Controller('media')
export class MediaFileController {
  constructor(private readonly media: PublicMediaService) {}

  /** Audio and video files as uploaded (podcast enclosures), with Range support for players that seek. */
  @Get(':id/original')
  @ApiOperation({ summary: 'An audio or video file as uploaded, while live content shows it; cached until its rights or its last live use end' })
  @ApiHeader({ name: 'Range', required: false, description: 'one byte range, e.g. `bytes=0-99` (players that seek): answered with 206' })
  @RespondsWith(
    200,
    { 'audio/*': 'binary', 'video/*': 'binary' },
    { description: 'the whole file, in its uploaded type', headers: ['ETag', 'Cache-Control', 'Surrogate-Key', 'Accept-Ranges'] },
  )
  @RespondsWith(
    206,
    { 'audio/*': 'binary', 'video/*': 'binary' },
    { description: 'the requested byte range', headers: ['ETag', 'Cache-Control', 'Surrogate-Key', 'Accept-Ranges', 'Content-Range'] },
  )
  @Responds(416, null, { description: 'the range is outside the file; Content-Range gives its size (`bytes */<size>`)', headers: ['Content-Range'] })
  @NotModified()
  @Problems('not_found')
  async original(
    @Param('id') id: string,
    @Query() query: MediaFileQueryDto,
    @Headers('range') range: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, caching } = await this.media.original(id.toLowerCase(), query.token);
    reply.headers({ etag: file.etag, 'accept-ranges': 'bytes', 'content-type': file.contentType, ...cachingHeaders(caching) });
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
  @ApiOperation({ summary: 'An image rendition, while live content shows the image; cached until its rights or its last live use end' })
  @RespondsWith(
    200,
    { 'image/webp': 'binary', 'image/avif': 'binary', 'image/jpeg': 'binary' },
    {
      description:
        'the image `width` px wide (a width of its ladder: 320, 640, 960, 1280, 1920, 2560 below the original, and the original’s own width up to 2560; for `aspect`, the ladder of the crop); immutable: `public, max-age=…, immutable` until its rights or last live use end, `private, no-store` with a preview token',
      headers: ['ETag', 'Cache-Control', 'Surrogate-Key'],
    },
  )
  @NotModified()
  @Problems('not_found', 'unprocessable')
  async rendition(
    @Param('id') id: string,
    @Param('file') file: string,
    @Query() query: RenditionQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const match = FILE.exec(file);
    if (!match) throw DomainError.notFound('Rendition');
    const { file: rendition, caching } = await this.media.rendition(id.toLowerCase(), Number(match[1]), match[2]!, query.aspect, query.token);
    const etag = `"${rendition.etag}"`;
    reply.header('etag', etag).headers(cachingHeaders(caching));
    if (ifNoneMatch && etagMatches(ifNoneMatch, etag)) {
      reply.status(304).send();
      return;
    }
    const body = await rendition.open();
    reply.status(200).header('content-type', rendition.contentType).header('content-length', String(rendition.bytes)).send(body);
  }
}

/** Media bytes never change under one URL; only their rights or their live use end, which caps how long caches keep them. */
function cachingHeaders(caching: MediaCaching): Record<string, string> {
  if (caching.maxAgeSeconds === null) return { 'cache-control': 'private, no-store' };
  const seconds = caching.maxAgeSeconds;
  return {
    'cache-control': `public, max-age=${seconds}${seconds > 0 ? ', immutable' : ''}`,
    'surrogate-key': caching.surrogateKeys.join(' '),
  };
}
