import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { type CachedResponse, gzipOf, ResponseCache } from './response-cache.js';

export interface DeliveryPayload {
  body: unknown;
  contentType?: string;
  /** Surrogate-Key values: what a CDN purges this response by. */
  keys: string[];
  status?: number;
  headers?: Record<string, string>;
  /** Seconds shared caches may keep it; default CACHE_MAX_AGE. */
  maxAge?: number;
  /** Epoch ms when the content stops being true by itself (an expiry in it): no cache keeps it past then. */
  validUntil?: number;
}

/** Longest a response stays in the in-process cache without a change notice. */
const LOCAL_TTL_MS = 5 * 60_000;

/**
 * Sends every cacheable delivery response the same way: serialised once,
 * strong ETag, 304 on If-None-Match, Cache-Control with stale-while-revalidate,
 * Surrogate-Key, optional gzip — and keeps it for the next identical request.
 */
@Injectable()
export class DeliveryResponder {
  constructor(
    private readonly cache: ResponseCache,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {
    cache.configure(config.delivery.cacheEnabled ? config.delivery.cacheMaxEntries : 0);
  }

  send(request: FastifyRequest, reply: FastifyReply, payload: DeliveryPayload): void {
    const body = Buffer.from(typeof payload.body === 'string' ? payload.body : JSON.stringify(payload.body));
    const now = Date.now();
    let { maxAge = this.config.delivery.maxAge } = payload;
    let stale = this.config.delivery.staleWhileRevalidate;
    if (payload.validUntil !== undefined) {
      const remaining = Math.max(0, Math.floor((payload.validUntil - now) / 1000));
      maxAge = Math.min(maxAge, remaining);
      stale = Math.min(stale, remaining - maxAge);
    }
    const entry: CachedResponse = {
      status: payload.status ?? 200,
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      headers: {
        'content-type': payload.contentType ?? 'application/json; charset=utf-8',
        'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=${stale}`,
        'surrogate-key': [...new Set(payload.keys)].join(' ').slice(0, 16_000),
        vary: 'Accept-Encoding',
        ...payload.headers,
      },
      expires: Math.min(now + Math.min(LOCAL_TTL_MS, Math.max(maxAge, 1) * 1000 * 5), payload.validUntil ?? Infinity),
    };
    // Kept only if no change notice arrived since the request began (ResponseCache): sent either way.
    if (entry.status === 200) this.cache.keep(request, entry);
    serve(request, reply, entry);
  }
}

/** Writes a cached or fresh response, honouring If-None-Match and Accept-Encoding. */
export function serve(request: FastifyRequest, reply: FastifyReply, entry: CachedResponse): void {
  // The edge may already vary the response (CORS: Origin); keep that, or a CDN would serve one origin's grant to another.
  const varyBefore = reply.getHeader('vary');
  reply.headers(entry.headers);
  if (varyBefore && entry.headers.vary) reply.header('vary', `${String(varyBefore)}, ${entry.headers.vary}`);
  reply.header('etag', entry.etag);
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && etagMatches(ifNoneMatch, entry.etag)) {
    reply.code(304).send();
    return;
  }
  reply.code(entry.status);
  const accepts = request.headers['accept-encoding'];
  const gzip = typeof accepts === 'string' && accepts.includes('gzip') ? gzipOf(entry) : undefined;
  if (gzip) {
    reply.header('content-encoding', 'gzip');
    reply.send(gzip);
  } else {
    reply.send(entry.body);
  }
}

/** If-None-Match uses the weak comparison: W/ prefixes are ignored; `*` matches anything. */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
