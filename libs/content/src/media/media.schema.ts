import { Type } from '@sinclair/typebox';
import { Component, Nullable, Obj, PageSchema, StringEnum, Timestamp, Uuid } from '#common';
import { ARTICLE_STATUSES } from '../workflow/workflow.js';

/**
 * The admin representations of the media library (API.md "Media"): the
 * OpenAPI documents and MediaView (media.mapper.ts) are made from these.
 */

export const MEDIA_KINDS = ['image', 'audio', 'video'] as const;

export const FocalPointSchema = Component(
  'FocalPoint',
  Obj(
    { x: Type.Number({ minimum: 0, maximum: 1 }), y: Type.Number({ minimum: 0, maximum: 1 }) },
    { description: 'the point crops keep in frame, as fractions of width (x) and height (y) from the top left' },
  ),
);

const mediaProperties = {
  id: Uuid(),
  kind: StringEnum(MEDIA_KINDS),
  mime: Type.String({ examples: ['image/jpeg'], description: 'recognised from the bytes, never the file name' }),
  bytes: Type.Integer({ minimum: 1 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  width: Nullable(Type.Integer({ minimum: 1, description: 'images and video; null for audio' })),
  height: Nullable(Type.Integer({ minimum: 1 })),
  durationSeconds: Nullable(Type.Number({ minimum: 0, description: 'audio and video, when the file says' })),
  caption: Type.String({ maxLength: 2000, description: 'IPTC Description on upload unless given' }),
  // Set through the API: at most 300 (credit, creator) or 500 characters; read from a file's metadata: up to 2000.
  credit: Type.String({ maxLength: 2000, description: 'agency or source (IPTC Credit Line), e.g. "AP Photo"' }),
  creator: Type.String({ maxLength: 2000, description: 'photographer or author of the work (IPTC Creator)' }),
  copyrightNotice: Type.String({ maxLength: 2000 }),
  usageTerms: Type.String({ maxLength: 2000, description: 'usage terms or licence' }),
  altText: Type.String({ maxLength: 1000 }),
  focalPoint: FocalPointSchema,
  isFilePhoto: Type.Boolean(),
  digitalSourceType: Nullable(Type.String({ maxLength: 500, description: 'IPTC digital source type, e.g. trainedAlgorithmicMedia' })),
  rightsExpireAt: Nullable(Timestamp({ description: 'after this the asset may not be published (a publish precondition)' })),
  creditLine: Type.String({ description: 'the display form of credit and creator, e.g. "© AP Photo / Bojan Slavkovic"; empty when both are' }),
  originalName: Nullable(Type.String({ description: 'the uploaded file name' })),
  createdBy: Nullable(Uuid()),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
};

export const MediaSchema = Component('Media', Obj(mediaProperties, { description: 'an asset of the media library' }));

export const MediaUploadResultSchema = Component(
  'MediaUploadResult',
  Obj(
    {
      ...mediaProperties,
      duplicate: Type.Boolean({ description: 'true (status 200): these bytes were already in the library; this is that asset, unchanged' }),
    },
    { description: 'the asset an upload made (201) or found (200)' },
  ),
);

export const MediaPageSchema = Component('MediaPage', PageSchema(MediaSchema, { description: 'newest first' }));

export const MediaUserSchema = Component(
  'MediaUser',
  Obj({
    id: Uuid({ description: 'the article' }),
    headline: Type.String({ description: "the working copy's, or the live one's where the caller sees only that" }),
    status: StringEnum(ARTICLE_STATUSES),
    live: Type.Boolean(),
  }),
);

export const MediaUsageSchema = Component(
  'MediaUsage',
  Obj({ data: Type.Array(MediaUserSchema, { description: 'by headline; all of them (no pages)' }) }, { description: 'articles that use the asset' }),
);

/** The multipart/form-data body of an upload: the file and optional metadata, as text fields. */
export const MediaUploadFormSchema = Component(
  'MediaUploadForm',
  Obj(
    {
      file: Type.String({ contentMediaType: 'application/octet-stream', description: 'the image, audio or video file; its type is judged by its bytes' }),
      caption: Type.Optional(Type.String({ maxLength: 2000 })),
      credit: Type.Optional(Type.String({ maxLength: 300 })),
      creator: Type.Optional(Type.String({ maxLength: 300 })),
      copyrightNotice: Type.Optional(Type.String({ maxLength: 500 })),
      usageTerms: Type.Optional(Type.String({ maxLength: 2000 })),
      altText: Type.Optional(Type.String({ maxLength: 1000 })),
      focalPoint: Type.Optional(Type.String({ examples: ['0.5,0.4', '{"x":0.5,"y":0.4}'], description: '"x,y" or {"x":…,"y":…}, each 0–1' })),
      isFilePhoto: Type.Optional(StringEnum(['true', 'false'])),
      digitalSourceType: Type.Optional(Type.String({ maxLength: 500, description: 'empty: none' })),
      rightsExpireAt: Type.Optional(Type.String({ description: 'an ISO 8601 time; empty: none' })),
    },
    { description: 'text fields are trimmed; metadata given here wins over what the file embeds (IPTC/XMP/EXIF)' },
  ),
);
