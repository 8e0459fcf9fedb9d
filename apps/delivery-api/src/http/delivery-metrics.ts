import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { countFrom, METRIC_PREFIX } from '#common';
import { MediaCache } from '#content';
import { CacheInvalidationService } from './cache-invalidation.service.js';
import { ResponseCache } from './response-cache.js';

/**
 * The delivery caches as Prometheus series. The caches keep plain counters
 * (a hit is one `++`); these series read them at scrape time only.
 */
@Injectable()
export class DeliveryMetrics {
  constructor(registry: Registry, responses: ResponseCache, invalidation: CacheInvalidationService, media: MediaCache) {
    const name = (suffix: string) => `${METRIC_PREFIX}delivery_cache_${suffix}`;
    countFrom(registry, { name: name('hits_total'), help: 'Requests answered from the response cache, before routing' }, () => responses.hits);
    countFrom(registry, { name: name('misses_total'), help: 'Cacheable requests (GET/HEAD) the response cache could not answer' }, () => responses.misses);
    countFrom(
      registry,
      {
        name: name('evictions_total'),
        help: 'Entries dropped from the response cache: capacity (DELIVERY_CACHE_MAX_ENTRIES reached) or expired',
        labelNames: ['reason'] as const,
      },
      () => ({ capacity: responses.evicted, expired: responses.expired }),
      'reason',
    );
    countFrom(
      registry,
      { name: name('discarded_total'), help: 'Responses sent but not kept: a change notice arrived while they were being composed' },
      () => responses.discarded,
    );
    new Gauge({
      name: name('entries'),
      help: 'Responses held in the response cache',
      registers: [registry],
      collect() {
        this.set(responses.size);
      },
    });
    new Gauge({
      name: name('bytes'),
      help: 'Bytes of response bodies held in the response cache',
      registers: [registry],
      collect() {
        this.set(responses.bytes);
      },
    });
    countFrom(
      registry,
      {
        name: name('invalidations_total'),
        help: 'Change notices that cleared the caches, by kind (article, taxonomy, collection, media, all; reconnect: after a lost LISTEN connection)',
        labelNames: ['kind'] as const,
      },
      () => invalidation.invalidations,
      'kind',
    );
    countFrom(registry, { name: `${METRIC_PREFIX}delivery_media_cache_hits_total`, help: 'Asset lookups answered from the media cache' }, () => media.hits);
    countFrom(registry, { name: `${METRIC_PREFIX}delivery_media_cache_misses_total`, help: 'Asset lookups loaded from the database' }, () => media.misses);
    new Gauge({
      name: `${METRIC_PREFIX}delivery_media_cache_entries`,
      help: 'Assets held in the media cache',
      registers: [registry],
      collect() {
        this.set(media.size);
      },
    });
  }
}
