import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#common';
import { PrismaService } from '#database';
import { mediaRepository } from './media.repository.js';
import { cacheSeconds, isServable } from './media-publish.js';
import { type ByteRange, MEDIA_STORAGE, type MediaStorage } from './storage/media-storage.js';

export interface MediaFile {
  contentType: string;
  bytes: number;
  etag: string;
  /** Seconds a cache may keep it: a year, or less when the rights expire sooner. */
  maxAgeSeconds: number;
  open(range?: ByteRange): Promise<Readable>;
}

/**
 * Original audio and video files for delivery (podcast enclosures, players
 * that seek with Range requests). Image originals are never served — they
 * may carry location data; images go out as renditions only.
 */
@Injectable()
export class MediaFileService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  async original(id: string, now = new Date()): Promise<MediaFile> {
    const asset = /^[0-9a-f-]{36}$/.test(id) ? await mediaRepository.find(this.prisma, id) : null;
    if (!asset || asset.kind === 'image' || !isServable(asset, now)) throw DomainError.notFound('Media file');
    return {
      contentType: asset.mime,
      bytes: Number(asset.bytes),
      etag: `"${asset.sha256}"`,
      maxAgeSeconds: cacheSeconds(asset, now),
      open: (range) => this.storage.get(asset.storageKey, range),
    };
  }
}

/** Parses a single `bytes=` range against a file of `size` bytes; null = not satisfiable. */
export function parseRange(header: string, size: number): ByteRange | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Math.min(Number(match[2]), size);
    return suffix > 0 ? { start: size - suffix, end: size - 1 } : null;
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end && start < size ? { start, end } : null;
}
