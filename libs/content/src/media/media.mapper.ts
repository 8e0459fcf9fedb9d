import type { Static } from '@sinclair/typebox';
import type { MediaAsset } from '#database';
import { creditLine } from './credit-line.js';
import type { MediaSchema } from './media.schema.js';

/** The admin representation of an asset (API.md "Media"). */
export type MediaView = Static<typeof MediaSchema>;

export function toMediaView(asset: MediaAsset): MediaView {
  return {
    id: asset.id,
    kind: asset.kind,
    mime: asset.mime,
    bytes: Number(asset.bytes),
    sha256: asset.sha256,
    width: asset.width,
    height: asset.height,
    durationSeconds: asset.durationSeconds,
    caption: asset.caption,
    credit: asset.credit,
    creator: asset.creator,
    copyrightNotice: asset.copyrightNotice,
    usageTerms: asset.usageTerms,
    altText: asset.altText,
    focalPoint: { x: asset.focalX, y: asset.focalY },
    isFilePhoto: asset.isFilePhoto,
    digitalSourceType: asset.digitalSourceType,
    rightsExpireAt: asset.rightsExpireAt?.toISOString() ?? null,
    creditLine: creditLine(asset.credit, asset.creator),
    originalName: asset.originalName,
    createdBy: asset.createdById,
    createdAt: asset.createdAt.toISOString(),
    updatedAt: asset.updatedAt.toISOString(),
  };
}
