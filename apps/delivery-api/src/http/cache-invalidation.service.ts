import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { NotificationService } from '#database';
import { CONTENT_CHANNEL, type ContentChangeNotice, MediaAccess, MediaCache, TaxonomyCache } from '#content';
import { ResponseCache } from './response-cache.js';

export type InvalidationKind = ContentChangeNotice['kind'] | 'reconnect' | 'other';

const NOTICE_KINDS = new Set<unknown>(['article', 'taxonomy', 'collection', 'media', 'all'] satisfies ContentChangeNotice['kind'][]);

/**
 * Drops this instance's caches when live content changes anywhere: every
 * publish, unpublish, merge, rename, collection or media change is a
 * PostgreSQL NOTIFY on commit, heard by every delivery instance. While the
 * listening connection is down nothing is cached (a change would go unheard:
 * it may be an unpublish); once it is back everything starts afresh.
 */
@Injectable()
export class CacheInvalidationService implements OnApplicationBootstrap {
  private readonly logger = new Logger('CacheInvalidation');
  /** Change notices handled, by kind (`reconnect`: all dropped after a lost connection, `other`: a notice of no known kind); read by the metrics. */
  readonly invalidations: Record<InvalidationKind, number> = { article: 0, taxonomy: 0, collection: 0, media: 0, all: 0, reconnect: 0, other: 0 };

  constructor(
    private readonly notifications: NotificationService,
    private readonly responses: ResponseCache,
    private readonly taxonomy: TaxonomyCache,
    private readonly media: MediaCache,
    private readonly access: MediaAccess,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.notifications.onDisconnect(() => this.suspendAll());
    this.notifications.onReconnect(() => this.resumeAll());
    try {
      await this.notifications.listen(CONTENT_CHANNEL, (payload) => this.handle(payload));
    } catch (error) {
      this.logger.warn(`cannot listen for content changes: ${error instanceof Error ? error.message : String(error)}; caching is off until it can`);
      this.responses.configure(0);
    }
  }

  private handle(payload: string): void {
    let notice: ContentChangeNotice;
    try {
      notice = JSON.parse(payload) as ContentChangeNotice;
    } catch {
      notice = { kind: 'all' };
    }
    this.invalidations[NOTICE_KINDS.has(notice.kind) ? notice.kind : 'other']++;
    if (notice.kind === 'taxonomy' || notice.kind === 'all') this.taxonomy.invalidate();
    if (notice.kind === 'media' || notice.kind === 'all') this.media.invalidate(notice.id);
    // Which assets are public follows what is live: publish, unpublish, expiry, and author photos (taxonomy).
    if (notice.kind === 'article' && notice.mediaIds) this.access.invalidate(notice.mediaIds);
    else if (notice.kind === 'media' && notice.id) this.access.invalidate([notice.id]);
    else if (notice.kind !== 'collection') this.access.invalidate();
    this.responses.clear();
  }

  private suspendAll(): void {
    this.logger.warn('not hearing change notices: serving uncached until the connection is back');
    for (const cache of this.caches()) cache.suspend();
  }

  private resumeAll(): void {
    this.invalidations.reconnect++;
    for (const cache of this.caches()) cache.resume();
    this.logger.log('hearing change notices again: caching resumed');
  }

  private caches() {
    return [this.taxonomy, this.media, this.access, this.responses];
  }
}
