import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, createValidationPipe, DomainError } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { MAX_IMAGE_ASPECT, MAX_IMAGE_SIDE, type MediaMetadataInput, MediaIngestService, MediaLibraryService, type ReceivedFile } from '#content';
import { UuidParam } from '../common/id-param.js';
import { MediaListQueryDto, MediaMetadataDto, multipartMetadata } from './media.dto.js';

const validation = createValidationPipe();

@ApiTags('media')
@ApiBearerAuth()
@Controller('media')
export class MediaController {
  constructor(
    private readonly ingest: MediaIngestService,
    private readonly library: MediaLibraryService,
  ) {}

  @Get()
  @RequirePermission('media:read')
  list(@Query() query: MediaListQueryDto) {
    return this.library.list(query);
  }

  /**
   * multipart/form-data: the file in field `file`, plus optional metadata
   * fields (caption, credit, creator, copyrightNotice, usageTerms, altText,
   * focalPoint, isFilePhoto, digitalSourceType, rightsExpireAt). 201 with the
   * new asset; 200 with the existing one (`duplicate: true`) for bytes already
   * in the library.
   */
  @Post()
  @RequirePermission('media:upload')
  @ApiConsumes('multipart/form-data')
  @ApiResponse({ status: 413, description: 'payload_too_large: over the byte limit for its kind, or an image over MEDIA_MAX_IMAGE_PIXELS (problem+json)' })
  @ApiResponse({ status: 415, description: 'unsupported_media_type: not a supported image, audio or video file, judged by its bytes (problem+json)' })
  @ApiResponse({
    status: 422,
    description: `unsupported_image_dimensions: an image side over ${MAX_IMAGE_SIDE} px, or one side over ${MAX_IMAGE_ASPECT} times the other (problem+json with maxImageSide, maxAspectRatio)`,
  })
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, caption: { type: 'string' } } } })
  async upload(@CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!request.isMultipart()) {
      throw new DomainError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file"');
    }
    const fields: Record<string, string> = {};
    let file: ReceivedFile | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            part.file.resume();
            throw DomainError.validation([{ path: part.fieldname, message: 'send exactly one file, in the field "file"' }]);
          }
          file = await this.ingest.receive(part.file, part.filename);
        } else {
          fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        }
      }
      if (!file) throw DomainError.validation([{ path: 'file', message: 'a file is required (multipart field "file")' }]);
      const metadata = (await validation.transform(multipartMetadata(fields), { type: 'body', metatype: MediaMetadataDto })) as MediaMetadataInput;
      const { asset, duplicate } = await this.ingest.ingest(actor, file, metadata);
      reply.status(duplicate ? 200 : 201).header('location', `/admin/v1/media/${asset.id}`);
      return { ...asset, duplicate };
    } finally {
      if (file) await this.ingest.discard(file);
    }
  }

  @Get(':id')
  @RequirePermission('media:read')
  get(@Param('id', UuidParam) id: string) {
    return this.library.get(id);
  }

  @Get(':id/usage')
  @RequirePermission('media:read')
  @ApiOperation({
    summary: 'Articles (working copies and live snapshots) that use the asset',
    description: "Contributors see their own articles, and other people's only while live (with the live headline).",
  })
  async usage(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return { data: await this.library.usage(actor, id) };
  }

  @Patch(':id')
  @RequirePermission('media:edit')
  @ApiOperation({
    summary: 'Correct metadata',
    description:
      'Editors and admins change any asset; contributors only their own uploads, and only while no live story uses them (403 forbidden otherwise). ' +
      'Every change is audited (media.updated) with the old and new value of each field and the live stories that show the asset.',
  })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: MediaMetadataDto) {
    return this.library.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('media:delete')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.library.delete(actor, id);
  }
}
