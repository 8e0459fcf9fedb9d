import { Inject, Injectable } from '@nestjs/common';
import { DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { PrismaService } from '#database';
import { creditLine } from '../media/credit-line.js';
import { cropBox, type RenditionAspect } from '../media/rendition-geometry.js';
import { RENDITION_FORMATS, type RenditionFormat, renditionHeight, renditionPath, renditionWidths } from '../media/renditions.js';
import type { ImageSource, JsonLdImage, Rendition } from './delivery.schema.js';
import { publicMediaRepository } from './public-media.repository.js';
import { SuspendableCache } from './suspendable-cache.js';
import type { AudioRef, ImageRef } from './delivery.types.js';

interface CachedAsset {
  kind: string;
  rightsExpireAt: number | null;
  image?: ImageRef;
  /** The same image for cards in lists: the card ladder only. */
  card?: ImageRef;
  audio?: AudioRef;
  /** The largest JPEG cropped to each JSON-LD aspect (16:9, 4:3, 1:1), with the size of that file. */
  crops?: { url: string; width: number; height: number }[];
  /** Read across a change notice: good for the request that read it, loaded again by the next. */
  provisional?: boolean;
}

/** Cards in lists are shown small: up to this width, in these formats. */
const CARD_MAX_WIDTH = 960;
const CARD_FORMATS = new Set(['webp', 'jpeg']);

const MAX_ENTRIES = 50_000;

/** Google asks for these aspect ratios of an article's image in its structured data. */
const JSON_LD_ASPECTS: RenditionAspect[] = ['16x9', '4x3', '1x1'];
/** Best compression first: `<source>` order, JPEG (every browser) last. */
const SOURCE_ORDER: RenditionFormat[] = ['avif', 'webp', 'jpeg'];
const MIME: Record<RenditionFormat, ImageSource['type']> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

/**
 * Media as delivery shows it (images with renditions and credit line, audio
 * with duration), cached per instance and dropped on media change notices.
 * Rights expiry is checked on every read: expired media is never shown.
 */
@Injectable()
export class MediaCache extends SuspendableCache {
  private readonly entries = new Map<string, CachedAsset | null>();
  /** Bumped by every invalidation: a read that raced one is not kept for later requests. */
  private generation = 0;
  /** Asset lookups answered from the cache and loaded from the database (plain counters for the metrics). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {
    super();
  }

  invalidate(id?: string): void {
    this.generation++;
    if (id) this.entries.delete(id);
    else this.entries.clear();
  }

  /** Loads what is not cached yet, in one query. */
  async prime(ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => {
      const entry = this.entries.get(id);
      return entry === undefined || !!entry?.provisional;
    });
    this.hits += wanted.length - missing.length;
    this.misses += missing.length;
    if (missing.length === 0) return;
    const generation = this.generation;
    const rows = await publicMediaRepository.assets(this.prisma, missing);
    const provisional = generation !== this.generation || this.suspended;
    if (this.entries.size + rows.length > MAX_ENTRIES) this.entries.clear();
    const found = new Map(rows.map((row) => [row.id, row]));
    const base = this.config.delivery.publicUrl;
    for (const id of missing) {
      const row = found.get(id);
      if (!row) {
        // An unknown id is only remembered when no notice could have raced its read.
        if (provisional) this.entries.delete(id);
        else this.entries.set(id, null);
        continue;
      }
      const line = creditLine(row.credit, row.creator);
      const entry: CachedAsset = { kind: row.kind, rightsExpireAt: row.rightsExpireAt?.getTime() ?? null, ...(provisional ? { provisional } : {}) };
      if (row.kind === 'image') {
        const widths = row.height ? renditionWidths(row.width) : [];
        const largest = widths.at(-1);
        const size = (width: number) => renditionHeight(width, row.width!, row.height!);
        const renditions: Rendition[] = widths.flatMap((width) =>
          RENDITION_FORMATS.map((format) => ({ width, height: size(width), format, url: `${base}${renditionPath(row.id, width, format)}` })),
        );
        entry.image = {
          id: row.id,
          // Width and height describe this very file: the largest JPEG of the ladder.
          url: largest ? `${base}${renditionPath(row.id, largest, 'jpeg')}` : `${base}/content/v1/media/${row.id}/original`,
          width: largest ?? row.width,
          height: largest ? size(largest) : row.height,
          alt: row.altText,
          caption: row.caption,
          credit: row.credit,
          creator: row.creator,
          copyrightNotice: row.copyrightNotice,
          creditLine: line,
          isFilePhoto: row.isFilePhoto,
          focalPoint: { x: row.focalX, y: row.focalY },
          renditions,
          sources: sourcesOf(renditions),
        };
        const cardRenditions = renditions.filter((r) => r.width <= CARD_MAX_WIDTH && CARD_FORMATS.has(r.format));
        const card = cardRenditions.length ? cardRenditions : renditions.filter((r) => CARD_FORMATS.has(r.format));
        entry.card = { ...entry.image, renditions: card, sources: sourcesOf(card) };
        if (row.width && row.height) {
          const focal = { x: row.focalX, y: row.focalY };
          entry.crops = JSON_LD_ASPECTS.flatMap((aspect) => {
            const box = cropBox(row.width!, row.height!, aspect, focal);
            const width = renditionWidths(box.width).at(-1);
            if (!width) return [];
            return [{ url: `${base}${renditionPath(row.id, width, 'jpeg')}?aspect=${aspect}`, width, height: renditionHeight(width, box.width, box.height) }];
          });
        }
      } else {
        entry.audio = {
          id: row.id,
          url: `${base}/content/v1/media/${row.id}/original`,
          mime: row.mime,
          bytes: Number(row.bytes),
          durationSeconds: row.durationSeconds,
          caption: row.caption,
          credit: row.credit,
          creditLine: line,
        };
      }
      this.entries.set(id, entry);
    }
  }

  /** Assets held (known ones and remembered unknown ids). */
  get size(): number {
    return this.entries.size;
  }

  /** The earliest future rights expiry among these assets, if any. */
  expiresAt(ids: string[], now = Date.now()): number | undefined {
    let earliest: number | undefined;
    for (const id of ids) {
      const at = this.entries.get(id)?.rightsExpireAt;
      if (at !== null && at !== undefined && at > now && (earliest === undefined || at < earliest)) earliest = at;
    }
    return earliest;
  }

  image(id: string | null | undefined, now = Date.now()): ImageRef | null {
    const entry = id ? this.entries.get(id) : undefined;
    return entry?.image && servable(entry, now) ? entry.image : null;
  }

  /** The image for a card in a list: same facts and credit, the card ladder (≤ 960 px, WebP and JPEG). */
  card(id: string | null | undefined, now = Date.now()): ImageRef | null {
    const entry = id ? this.entries.get(id) : undefined;
    return entry?.card && servable(entry, now) ? entry.card : null;
  }

  /** The image for schema.org: the largest JPEG cropped to 16:9, 4:3 and 1:1, each with the size of its file. */
  jsonLdImages(id: string | null | undefined, now = Date.now()): JsonLdImage[] {
    const entry = id ? this.entries.get(id) : undefined;
    const image = entry?.image;
    if (!image || !entry.crops || !servable(entry, now)) return [];
    return entry.crops.map((crop) => ({
      '@type': 'ImageObject',
      ...crop,
      caption: image.caption,
      creditText: image.creditLine,
      ...(image.creator ? { creator: { '@type': 'Person' as const, name: image.creator } } : {}),
      ...(image.copyrightNotice ? { copyrightNotice: image.copyrightNotice } : {}),
    }));
  }

  audio(id: string | null | undefined, now = Date.now()): AudioRef | null {
    const entry = id ? this.entries.get(id) : undefined;
    return entry?.audio && servable(entry, now) ? entry.audio : null;
  }
}

/** The ladder grouped by format, ready for `<source srcset>`. */
function sourcesOf(renditions: Rendition[]): ImageSource[] {
  return SOURCE_ORDER.flatMap((format) => {
    const ladder = renditions.filter((r) => r.format === format);
    return ladder.length ? [{ format, type: MIME[format], srcset: ladder.map((r) => `${r.url} ${r.width}w`).join(', ') }] : [];
  });
}

function servable(entry: CachedAsset, now: number): boolean {
  return entry.rightsExpireAt === null || entry.rightsExpireAt > now;
}
