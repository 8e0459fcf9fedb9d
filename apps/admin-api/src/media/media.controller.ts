import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Accepts, type Actor, createValidationPipe, DomainError, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import {
  MAX_IMAGE_ASPECT,
  MAX_IMAGE_SIDE,
  type MediaMetadataInput,
  MediaIngestService,
  MediaLibraryService,
  MediaPageSchema,
  MediaSchema,
  MediaUploadFormSchema,
  MediaUploadResultSchema,
  MediaUsageSchema,
  type ReceivedFile,
} from '#content';
import { UuidParam } from '../common/id-param.js';
import { AdminController, DeleteRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { JsonBodyProblems } from '../common/json-body-problems.js';
import { MediaListQueryDto, MediaMetadataDto, multipartMetadata } from './media.dto.js';

const validation = createValidationPipe();

@AdminController('media')
export class MediaController {
  constructor(
    private readonly ingest: MediaIngestService,
    private readonly library: MediaLibraryService,
  ) {}

  @ListRoute('The library, newest first', MediaPageSchema)
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
  @ApiOperation({
    summary: 'Upload a file (multipart/form-data, field `file`) with optional metadata',
    description:
      'The type is judged by the bytes. Metadata embedded in an image (IPTC/XMP/EXIF: Credit Line, Creator, Copyright Notice, Description) fills the fields not given. ' +
      'Problems: 413 payload_too_large (over the byte limit for its kind, with maxBytes, or an image over MEDIA_MAX_IMAGE_PIXELS); 415 unsupported_media_type ' +
      `(not multipart, or not a supported image, audio or video file); 422 unsupported_image_dimensions (a side over ${MAX_IMAGE_SIDE} px, or one side over ` +
      `${MAX_IMAGE_ASPECT} times the other, with maxImageSide and maxAspectRatio).`,
  })
  @ApiConsumes('multipart/form-data')
  @Accepts(MediaUploadFormSchema)
  @Responds(201, MediaUploadResultSchema, { description: 'the new asset (`duplicate: false`)', headers: ['Location'] })
  @Responds(200, MediaUploadResultSchema, { description: 'these bytes were already in the library: that asset (`duplicate: true`)', headers: ['Location'] })
  @Problems('payload_too_large', 'unsupported_media_type', 'unsupported_image_dimensions')
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

  @GetRoute('One asset', MediaSchema)
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
  @Responds(200, MediaUsageSchema)
  @Problems('not_found')
  async usage(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return { data: await this.library.usage(actor, id) };
  }

  @UpdateRoute(
    {
      summary: 'Correct metadata',
      description:
        'Editors and admins change any asset; contributors only their own uploads, and only while no live story uses them (403 forbidden otherwise). ' +
        'Every change is audited (media.updated) with the old and new value of each field and the live stories that show the asset.',
    },
    MediaSchema,
    [],
    { description: 'the asset after the change' },
  )
  @RequirePermission('media:edit')
  @JsonBodyProblems()
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: MediaMetadataDto) {
    return this.library.update(actor, id, body);
  }

  @DeleteRoute(
    {
      summary: 'Delete an asset no article uses (editors and admins)',
      description: 'Refused with 409 in_use while a working copy or a live snapshot refers to it; the problem lists them in `articles`.',
    },
    ['in_use'],
    { description: 'deleted, with its stored file and renditions' },
  )
  @RequirePermission('media:delete')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.library.delete(actor, id);
  }
}
