import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import sharp from 'sharp';
import { DISPATCH_CONFIG, type DispatchConfig, DomainError, isUuid } from '#common';
import { type MediaAsset, PrismaService } from '#database';
import { mediaRepository, type RenditionRow } from './media.repository.js';
import { cacheSeconds, isServable } from './media-publish.js';
import { cropBox, isRenditionAspect, type RenditionAspect } from './rendition-geometry.js';
import { RENDITION_FORMATS, type RenditionFormat, renditionWidths } from './renditions.js';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage.js';

/** A stored rendition ready to send. */
export interface RenditionFile {
  /** Strong validator: the sha256 of the bytes (unquoted). */
  etag: string;
  bytes: number;
  contentType: string;
  /** Seconds a cache may keep it: a year, or less when the rights expire sooner. */
  maxAgeSeconds: number;
  open(): Promise<Readable>;
}

const CONTENT_TYPES: Record<RenditionFormat, string> = { webp: 'image/webp', avif: 'image/avif', jpeg: 'image/jpeg' };
/** sharp is CPU-bound: a couple of encodes at a time per process keeps the event loop and the pool healthy. */
const MAX_CONCURRENT_RENDERS = 2;

/**
 * Image renditions for delivery: made on first request, stored, then served
 * from storage. Concurrent first requests render once — within a process
 * through a shared promise, across processes through a PostgreSQL advisory
 * lock. Output carries no EXIF (so no GPS or camera location); the credit
 * travels in a small XMP packet.
 */
@Injectable()
export class MediaRenditionService {
  private readonly logger = new Logger(MediaRenditionService.name);
  private readonly inflight = new Map<string, Promise<RenditionRow>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly prisma: PrismaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  /** The rendition `width` px wide in `format`, optionally cropped to `aspect` around the focal point. Unknown, non-image or expired → 404. */
  async rendition(id: string, width: number, format: string, aspect?: string): Promise<RenditionFile> {
    if (!isUuid(id) || !(RENDITION_FORMATS as readonly string[]).includes(format)) throw DomainError.notFound('Rendition');
    if (aspect !== undefined && !isRenditionAspect(aspect)) throw DomainError.notFound('Rendition');
    const asset = await mediaRepository.find(this.prisma, id);
    const now = new Date();
    if (!asset || asset.kind !== 'image' || !asset.width || !asset.height || !isServable(asset, now)) throw DomainError.notFound('Rendition');
    const sourceWidth = aspect ? cropBox(asset.width, asset.height, aspect, { x: asset.focalX, y: asset.focalY }).width : asset.width;
    if (!renditionWidths(sourceWidth).includes(width)) throw DomainError.notFound('Rendition');

    const row = await this.ensure(asset, width, format as RenditionFormat, aspect ?? '');
    return {
      etag: row.etag,
      bytes: row.bytes,
      contentType: CONTENT_TYPES[format as RenditionFormat],
      maxAgeSeconds: cacheSeconds(asset, now),
      open: () => this.storage.get(row.storage_key),
    };
  }

  private async ensure(asset: MediaAsset, width: number, format: RenditionFormat, aspect: RenditionAspect | ''): Promise<RenditionRow> {
    const found = await mediaRepository.findRendition(this.prisma.pool, asset.id, width, format, aspect);
    if (found) return found;
    const key = `${asset.id}/${width}/${format}/${aspect}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.generateOnce(asset, width, format, aspect, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async generateOnce(asset: MediaAsset, width: number, format: RenditionFormat, aspect: RenditionAspect | '', key: string): Promise<RenditionRow> {
    await this.acquireSlot();
    const client = await this.prisma.pool.connect();
    const lockKey = `dispatch:rendition:${key}`;
    try {
      await mediaRepository.lockRendering(client, lockKey);
      try {
        const existing = await mediaRepository.findRendition(client, asset.id, width, format, aspect);
        if (existing) return existing;
        const data = await this.render(asset, width, format, aspect);
        const etag = createHash('sha256').update(data).digest('hex');
        const storageKey = `renditions/${asset.id}/${width}${aspect ? `-${aspect}` : ''}.${format}`;
        await this.storage.put(storageKey, data, CONTENT_TYPES[format]);
        const info = await sharp(data).metadata();
        await mediaRepository.saveRendition(client, { mediaId: asset.id, width, height: info.height, format, aspect, storageKey, bytes: data.length, etag });
        return { storage_key: storageKey, bytes: data.length, etag };
      } finally {
        await mediaRepository.unlockRendering(client, lockKey);
      }
    } finally {
      client.release();
      this.releaseSlot();
    }
  }

  private async render(asset: MediaAsset, width: number, format: RenditionFormat, aspect: RenditionAspect | ''): Promise<Buffer> {
    const source = await this.storage.get(asset.storageKey);
    let image = sharp({ limitInputPixels: this.config.media.maxImagePixels, failOn: 'none' }).autoOrient();
    if (aspect) image = image.extract(cropBox(asset.width!, asset.height!, aspect, { x: asset.focalX, y: asset.focalY }));
    image = image.resize({ width, withoutEnlargement: true });
    if (format === 'webp') image = image.webp({ quality: 80 });
    else if (format === 'avif') image = image.avif({ quality: 50, effort: 2 });
    else image = image.jpeg({ quality: 82, progressive: true, mozjpeg: true });
    const xmp = creditXmp(asset);
    if (xmp) image = image.withXmp(xmp);
    let sourceError: unknown;
    source.on('error', (error) => {
      sourceError = error;
      image.destroy(error);
    });
    source.pipe(image);
    try {
      return await image.toBuffer();
    } catch (error) {
      // Storage trouble stays a server error; an image libvips refuses (bad dimensions, corrupt data) is the asset's fault.
      if (sourceError !== undefined) throw sourceError;
      this.logger.warn(`cannot render ${asset.id} at ${width} px ${format}${aspect ? ` ${aspect}` : ''}: ${(error as Error).message}`);
      throw new DomainError('unprocessable', 'This image cannot be rendered at this size', { extensions: { mediaId: asset.id } });
    }
  }

  private async acquireSlot(): Promise<void> {
    if (this.running < MAX_CONCURRENT_RENDERS) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** A minimal XMP packet carrying only the credit (agency, creator, rights) — no location, no camera data. */
export function creditXmp(asset: Pick<MediaAsset, 'credit' | 'creator' | 'copyrightNotice'>): string | null {
  if (!asset.credit && !asset.creator && !asset.copyrightNotice) return null;
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const parts = [
    asset.credit ? `<photoshop:Credit>${escape(asset.credit)}</photoshop:Credit>` : '',
    asset.creator ? `<dc:creator><rdf:Seq><rdf:li>${escape(asset.creator)}</rdf:li></rdf:Seq></dc:creator>` : '',
    asset.copyrightNotice ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${escape(asset.copyrightNotice)}</rdf:li></rdf:Alt></dc:rights>` : '',
  ];
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
    parts.join('') +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  );
}
