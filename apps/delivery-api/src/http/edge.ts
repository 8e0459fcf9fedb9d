import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type DispatchConfig, problemOf } from '#common';
import { serve } from './delivery-responder.js';
import { cacheKey, type ResponseCache } from './response-cache.js';

/**
 * The delivery API's edge, in front of the router: CORS (preflights are
 * answered here, so the app itself has GET/HEAD routes only), per-IP rate
 * limits (higher with a known x-api-key), and cache hits answered before any
 * routing, validation or database work.
 */
export async function configureEdge(app: NestFastifyApplication, config: DispatchConfig, cache: ResponseCache): Promise<void> {
  const cors = new Cors(config.delivery.corsOrigins);
  const limiter = new RateLimiter(config);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (cors.apply(request, reply)) return;
    const verdict = limiter.take(request);
    if (verdict > 0) {
      reply
        .code(429)
        .headers({ 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': String(verdict), 'cache-control': 'no-store' })
        .send(JSON.stringify(problemOf('rate_limited', 'Too many requests from this address; slow down or send an x-api-key')));
      return;
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && cache.enabled) {
      const key = cacheKey(request.url);
      const hit = cache.get(key);
      if (hit) {
        cache.hits++;
        serve(request, reply, hit);
        return;
      }
      cache.misses++;
      // Before routing, so before any read the response will be composed from.
      cache.begin(request, key);
    }
    done();
  });
}

/** CORS for a read-only API: any listed origin may GET/HEAD; preflights end here. */
class Cors {
  private readonly any: boolean;
  private readonly allowed: Set<string>;

  constructor(origins: string[]) {
    this.any = origins.includes('*');
    this.allowed = new Set(origins);
  }

  /** Adds CORS headers; returns true when it answered a preflight itself. */
  apply(request: FastifyRequest, reply: FastifyReply): boolean {
    const origin = request.headers.origin;
    const allowed = origin !== undefined && (this.any || this.allowed.has(origin));
    if (allowed) {
      reply.header('access-control-allow-origin', this.any ? '*' : origin);
      if (!this.any) reply.header('vary', 'Origin');
      reply.header('access-control-expose-headers', 'ETag, Surrogate-Key, X-Request-Id, Retry-After');
    }
    if (request.method !== 'OPTIONS') return false;
    if (allowed) {
      reply.headers({
        'access-control-allow-methods': 'GET, HEAD',
        'access-control-allow-headers': 'x-api-key, if-none-match, accept, accept-language',
        'access-control-max-age': '86400',
      });
    }
    reply.code(allowed ? 204 : 403).send();
    return true;
  }
}

/** Fixed one-minute windows per client address (per instance). */
class RateLimiter {
  private window = 0;
  private counts = new Map<string, number>();
  private readonly keys: Set<string>;

  constructor(private readonly config: DispatchConfig) {
    this.keys = new Set(config.delivery.apiKeys);
  }

  /** 0 when allowed, else the seconds until the window resets. */
  take(request: FastifyRequest): number {
    const { rateLimitPerMinute, apiKeyRateLimitPerMinute } = this.config.delivery;
    const apiKey = request.headers['x-api-key'];
    const keyed = typeof apiKey === 'string' && this.keys.has(apiKey);
    const limit = keyed ? apiKeyRateLimitPerMinute : rateLimitPerMinute;
    if (limit === 0) return 0;
    const now = Date.now();
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const id = keyed ? `key:${apiKey}` : request.ip;
    const count = (this.counts.get(id) ?? 0) + 1;
    this.counts.set(id, count);
    return count > limit ? Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)) : 0;
  }
}
