import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import sharp, { type Metadata } from 'sharp';
import { parseFile } from 'music-metadata';
import { type Actor, DISPATCH_CONFIG, type DispatchConfig, DomainError, isUniqueViolation } from '#common';
import { PrismaService, recordAudit } from '#database';
import { readEmbeddedMetadata, stripControl } from './embedded-metadata.js';
import { toMediaView, type MediaView } from './media.mapper.js';
import { mediaRepository } from './media.repository.js';
import { type MediaKindName, SNIFF_BYTES, type SniffedType, sniffMediaType } from './media-type.js';
import { contentKey, MEDIA_STORAGE, type MediaStorage } from './storage/media-storage.js';

/** An upload received into a temporary file: hashed, measured and recognised. */
export interface ReceivedFile {
  path: string;
  bytes: number;
  sha256: string;
  type: SniffedType;
  originalName: string | null;
}

/** Editorial metadata an editor may send with an upload or a PATCH. */
export interface MediaMetadataInput {
  caption?: string;
  credit?: string;
  creator?: string;
  copyrightNotice?: string;
  usageTerms?: string;
  altText?: string;
  focalPoint?: { x: number; y: number };
  isFilePhoto?: boolean;
  digitalSourceType?: string | null;
  rightsExpireAt?: Date | null;
}

export interface UploadResult {
  asset: MediaView;
  /** True when the same bytes were already in the library: `asset` is that existing asset. */
  duplicate: boolean;
}

interface TechnicalFacts {
  kind: MediaKindName;
  mime: string;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
}

/**
 * The longest side and the most elongated shape an image upload may have.
 * The pixel limit alone lets through a 100000000×1 strip, which no encoder
 * can scale (every rendition would fail); 30,000 px is past any camera or
 * scanned panorama, and 100:1 past any banner or long infographic.
 */
export const MAX_IMAGE_SIDE = 30_000;
export const MAX_IMAGE_ASPECT = 100;

/**
 * Upload use case: stream to a temp file while hashing (never the whole file
 * in memory), recognise the type from the bytes, enforce size and pixel
 * limits, read technical facts and embedded IPTC/XMP/EXIF, then store the
 * original under its content address and record the asset.
 */
@Injectable()
export class MediaIngestService {
  private readonly logger = new Logger(MediaIngestService.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  /**
   * Consumes `stream` into a temporary file. Refuses unknown types (415) and
   * files over the limit for their kind (413) — after draining the stream, so
   * the client reads a clean answer rather than a reset connection.
   */
  async receive(stream: Readable, originalName?: string | null): Promise<ReceivedFile> {
    const dir = join(this.config.dataDir, 'incoming');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.upload`);
    const out = createWriteStream(path);
    const hash = createHash('sha256');
    const limits = this.config.media;
    let head = Buffer.alloc(0);
    let type: SniffedType | null | undefined;
    let bytes = 0;
    let refusal: DomainError | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (refusal) continue;
        if (type === undefined) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)]).subarray(0, SNIFF_BYTES);
          if (head.length >= SNIFF_BYTES) type = sniffMediaType(head);
          if (type === null) refusal = unsupported();
        }
        const limit = type ? this.limitFor(type.kind) : Math.max(limits.maxImageBytes, limits.maxAvBytes);
        if (!refusal && bytes > limit) refusal = tooLarge(limit, type?.kind);
        if (refusal) continue;
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'close');
      if (type === undefined) type = head.length > 0 ? sniffMediaType(head) : null;
      if (!refusal && bytes === 0) refusal = DomainError.validation([{ path: 'file', message: 'the file is empty' }]);
      if (!refusal && !type) refusal = unsupported();
      if (refusal) throw refusal;
      return { path, bytes, sha256: hash.digest('hex'), type: type!, originalName: cleanName(originalName) };
    } catch (error) {
      out.destroy();
      await rm(path, { force: true });
      throw error;
    }
  }

  /** Removes the temporary file (always call after `ingest`, success or not). */
  async discard(file: ReceivedFile): Promise<void> {
    await rm(file.path, { force: true });
  }

  /** The largest upload accepted of any kind (the multipart limit). */
  maxUploadBytes(): number {
    return Math.max(this.config.media.maxImageBytes, this.config.media.maxAvBytes);
  }

  async ingest(actor: Actor, file: ReceivedFile, input: MediaMetadataInput = {}): Promise<UploadResult> {
    const existing = await mediaRepository.findBySha256(this.prisma, file.sha256);
    if (existing) return { asset: toMediaView(existing), duplicate: true };

    const facts = await this.technicalFacts(file);
    const embedded =
      facts.kind === 'image'
        ? await readEmbeddedMetadata(file.path)
        : { caption: '', credit: '', creator: '', copyrightNotice: '', usageTerms: '', digitalSourceType: null };
    const key = contentKey(file.sha256, `.${file.type.ext}`);
    if (!(await this.storage.exists(key))) await this.storage.put(key, createReadStream(file.path), facts.mime);

    try {
      const asset = await this.prisma.$transaction(async (tx) => {
        const created = await mediaRepository.create(tx, {
          kind: facts.kind,
          mime: facts.mime,
          bytes: BigInt(file.bytes),
          sha256: file.sha256,
          storageKey: key,
          originalName: file.originalName,
          width: facts.width,
          height: facts.height,
          durationSeconds: facts.durationSeconds,
          caption: input.caption ?? embedded.caption,
          credit: input.credit ?? embedded.credit,
          creator: input.creator ?? embedded.creator,
          copyrightNotice: input.copyrightNotice ?? embedded.copyrightNotice,
          usageTerms: input.usageTerms ?? embedded.usageTerms,
          altText: input.altText ?? '',
          focalX: input.focalPoint?.x ?? 0.5,
          focalY: input.focalPoint?.y ?? 0.5,
          isFilePhoto: input.isFilePhoto ?? false,
          digitalSourceType: input.digitalSourceType !== undefined ? input.digitalSourceType : embedded.digitalSourceType,
          rightsExpireAt: input.rightsExpireAt ?? null,
          createdById: actor.userId,
        });
        await recordAudit(tx, actor, {
          action: 'media.uploaded',
          entityType: 'media',
          entityId: created.id,
          data: { kind: created.kind, mime: created.mime, bytes: file.bytes, sha256: file.sha256, embedded: embeddedFields(embedded) },
        });
        return created;
      });
      return { asset: toMediaView(asset), duplicate: false };
    } catch (error) {
      // Two uploads of the same bytes at once: the second one answers with the first.
      if (isUniqueViolation(error)) {
        const winner = await mediaRepository.findBySha256(this.prisma, file.sha256);
        if (winner) return { asset: toMediaView(winner), duplicate: true };
      }
      throw error;
    }
  }

  private limitFor(kind: MediaKindName): number {
    return kind === 'image' ? this.config.media.maxImageBytes : this.config.media.maxAvBytes;
  }

  private async technicalFacts(file: ReceivedFile): Promise<TechnicalFacts> {
    const { kind, mime } = file.type;
    if (kind === 'image') {
      let meta: Metadata;
      try {
        meta = await sharp(file.path, { limitInputPixels: false }).metadata();
      } catch {
        throw new DomainError('unsupported_media_type', `The file starts like ${mime} but cannot be read as an image`);
      }
      const width = meta.autoOrient?.width ?? meta.width;
      const height = meta.autoOrient?.height ?? meta.height;
      const pixels = width * height;
      if (!width || !height) throw new DomainError('unsupported_media_type', `The file starts like ${mime} but has no readable dimensions`);
      if (Math.max(width, height) > MAX_IMAGE_SIDE || Math.max(width, height) / Math.min(width, height) > MAX_IMAGE_ASPECT) {
        throw new DomainError(
          'unsupported_image_dimensions',
          `The image is ${width}×${height} pixels; images are at most ${MAX_IMAGE_SIDE} pixels a side and at most ${MAX_IMAGE_ASPECT} times as long as they are wide`,
          { extensions: { maxImageSide: MAX_IMAGE_SIDE, maxAspectRatio: MAX_IMAGE_ASPECT } },
        );
      }
      if (pixels > this.config.media.maxImagePixels) {
        throw new DomainError('payload_too_large', `The image is ${width}×${height} pixels; at most ${this.config.media.maxImagePixels} pixels are accepted`, {
          extensions: { maxImagePixels: this.config.media.maxImagePixels },
        });
      }
      return { kind, mime, width, height, durationSeconds: null };
    }
    try {
      const { format } = await parseFile(file.path, { duration: true, skipCovers: true });
      const duration = format.duration !== undefined && Number.isFinite(format.duration) ? Math.round(format.duration * 1000) / 1000 : null;
      // An MP4 container with a sound track only is audio, whatever its brand says.
      if (mime === 'video/mp4' && format.hasVideo === false && format.hasAudio === true) {
        return { kind: 'audio', mime: 'audio/mp4', width: null, height: null, durationSeconds: duration };
      }
      return { kind, mime, width: null, height: null, durationSeconds: duration };
    } catch (error) {
      this.logger.debug(`no duration for ${file.sha256}: ${(error as Error).message}`);
      return { kind, mime, width: null, height: null, durationSeconds: null };
    }
  }
}

function unsupported(): DomainError {
  return new DomainError(
    'unsupported_media_type',
    'The file is not a supported image (JPEG, PNG, WebP, AVIF, GIF), audio (MP3, AAC/M4A) or video (MP4); the type is read from its bytes',
  );
}

function tooLarge(limit: number, kind: MediaKindName | undefined): DomainError {
  return new DomainError('payload_too_large', `The ${kind ?? 'file'} is larger than ${limit} bytes`, { extensions: { maxBytes: limit } });
}

function cleanName(name: string | null | undefined): string | null {
  const cleaned = stripControl(name ?? '').trim();
  return cleaned === '' ? null : cleaned.slice(-255);
}

function embeddedFields(embedded: object): string[] {
  return Object.entries(embedded)
    .filter(([, value]) => value)
    .map(([field]) => field);
}
