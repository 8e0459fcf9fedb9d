import type { MediaAsset } from '#database';
import { creditLine } from './credit-line.js';
import type { MediaKindName } from './media-type.js';

/** The admin representation of an asset (API.md "Media"). */
export interface MediaView {
  id: string;
  kind: MediaKindName;
  mime: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  caption: string;
  credit: string;
  creator: string;
  copyrightNotice: string;
  usageTerms: string;
  altText: string;
  focalPoint: { x: number; y: number };
  isFilePhoto: boolean;
  digitalSourceType: string | null;
  rightsExpireAt: string | null;
  creditLine: string;
  originalName: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

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
