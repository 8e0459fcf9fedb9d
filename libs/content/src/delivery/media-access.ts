import { Injectable } from '@nestjs/common';
import { PrismaService } from '#database';
import { publicMediaRepository } from './public-media.repository.js';
import { SuspendableCache } from './suspendable-cache.js';

/** Epoch ms until which live content shows an asset (Infinity: no end known), or null: nothing live shows it. */
type LiveUse = number | null;

const MAX_ENTRIES = 100_000;

/**
 * Which assets live content shows, per delivery instance: the rule that
 * keeps unpublished, archived and never-used media off the public API.
 *
 * An asset is public while a live, unexpired snapshot uses it — its
 * media_ids (lead, body image/audio, podcast audio, og image; a related
 * card's image is the related story's own lead) or an author on it whose
 * photo it is. One indexed query per asset on a miss; hits are a map
 * lookup. Change notices (publish, unpublish, expiry, author edits) drop
 * entries; an expiry inside a snapshot ends an entry by itself.
 */
@Injectable()
export class MediaAccess extends SuspendableCache {
  private readonly entries = new Map<string, LiveUse>();
  /** Bumped by every invalidation: a lookup that raced one is not cached. */
  private generation = 0;

  constructor(private readonly prisma: PrismaService) {
    super();
  }

  /** Until when live content shows the asset (epoch ms, Infinity when open-ended), or null when it does not now. */
  async liveUntil(id: string, now = Date.now()): Promise<number | null> {
    let until = this.suspended ? undefined : this.entries.get(id);
    if (until === undefined || (until !== null && until <= now)) {
      const generation = this.generation;
      until = await this.load(id);
      if (generation === this.generation && !this.suspended) {
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        this.entries.set(id, until);
      }
    }
    return until !== null && until > now ? until : null;
  }

  /** Forgets what it knows about these assets, or about every asset. */
  invalidate(ids?: readonly string[]): void {
    this.generation++;
    if (ids) for (const id of ids) this.entries.delete(id);
    else this.entries.clear();
  }

  private async load(id: string): Promise<LiveUse> {
    const row = await publicMediaRepository.liveUse(this.prisma.pool, id);
    if (!row || row.forever === null) return null;
    return row.forever ? Infinity : row.latest!.getTime();
  }
}
