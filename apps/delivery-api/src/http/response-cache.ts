import { Injectable } from '@nestjs/common';
import { gzipSync } from 'node:zlib';

export interface CachedResponse {
  status: number;
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** Epoch ms after which the entry is not served. */
  expires: number;
  gzip?: Buffer;
}

/** A miss in progress: the key its response would be kept under, and the cache's generation before any of its reads. */
interface Ticket {
  key: string;
  generation: number;
}

/** Responses worth compressing. */
const GZIP_MIN_BYTES = 1024;

/**
 * Finished delivery responses by normalised URL (cacheKey), held by each
 * instance and cleared when live content changes (LISTEN/NOTIFY) — so a hit
 * costs a map lookup, and a publish is visible everywhere as soon as the
 * notice arrives.
 *
 * A response is composed from reads that take time; a change can commit and
 * its notice clear the cache while they are under way. Each clear starts a
 * new generation, and a response whose request began in an older one is sent
 * but not kept: it may show what the change removed, and no second notice
 * would come to drop it.
 */
@Injectable()
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly tickets = new WeakMap<object, Ticket>();
  private maxEntries = 20_000;
  private generation = 0;
  /** Set while change notices cannot be heard: nothing is served from or kept in the cache then. */
  private suspended = false;
  // Plain counters for the metrics (read at scrape time): the hot path only increments.
  hits = 0;
  misses = 0;
  /** Responses sent but not kept: a change notice arrived while they were being composed. */
  discarded = 0;
  /** Entries dropped to make room (the oldest tenth at a time). */
  evicted = 0;
  /** Entries found past their time and dropped. */
  expired = 0;
  /** Bytes of the bodies held (not their gzip forms, made on demand). */
  bytes = 0;

  configure(maxEntries: number): void {
    this.maxEntries = maxEntries;
  }

  get enabled(): boolean {
    return this.maxEntries > 0 && !this.suspended;
  }

  /** Stops serving and keeping responses (and drops what it holds) until `resume`: a change may go unheard meanwhile. */
  suspend(): void {
    this.suspended = true;
    this.clear();
  }

  resume(): void {
    this.clear();
    this.suspended = false;
  }

  get(key: string, now = Date.now()): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      this.expired++;
      this.bytes -= entry.body.length;
      return undefined;
    }
    return entry;
  }

  /** Marks where a request missed, before any of its reads: the key its response may be kept under, and the generation they start from. */
  begin(request: object, key: string): void {
    this.tickets.set(request, { key, generation: this.generation });
  }

  /** Keeps the response to a request begun here, unless the cache was cleared since it began. Returns whether it was kept. */
  keep(request: object, entry: CachedResponse): boolean {
    const ticket = this.tickets.get(request);
    if (!this.enabled || !ticket) return false;
    if (ticket.generation !== this.generation) {
      this.discarded++;
      return false;
    }
    this.set(ticket.key, entry);
    return true;
  }

  private set(key: string, entry: CachedResponse): void {
    if (this.entries.size >= this.maxEntries) {
      // Drop the oldest tenth: cheap, and hot keys come back at once.
      let drop = Math.ceil(this.maxEntries / 10);
      for (const [oldest, dropped] of this.entries) {
        this.entries.delete(oldest);
        this.evicted++;
        this.bytes -= dropped.body.length;
        if (--drop <= 0) break;
      }
    }
    const replaced = this.entries.get(key);
    if (replaced) this.bytes -= replaced.body.length;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * The cache key of a request URL: every spelling of one request gives the
 * same key. In the path, escapes of unreserved characters are decoded (%6e is
 * n) and the others written in upper case (%2f stays an escaped slash, as
 * the router treats it); the query's parameters are decoded, re-encoded one
 * way and sorted by name (values of a repeated name keep their order).
 */
export function cacheKey(url: string): string {
  const mark = url.indexOf('?');
  const rawPath = mark === -1 ? url : url.slice(0, mark);
  const path = rawPath.includes('%') ? rawPath.replace(/%[0-9a-fA-F]{2}/g, decodeUnreserved) : rawPath;
  if (mark === -1) return path;
  const params = url
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? { name: queryComponent(pair), value: '' } : { name: queryComponent(pair.slice(0, eq)), value: queryComponent(pair.slice(eq + 1)) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return params.length ? `${path}?${params.map((p) => `${p.name}=${p.value}`).join('&')}` : path;
}

function decodeUnreserved(escape: string): string {
  const char = String.fromCharCode(parseInt(escape.slice(1), 16));
  return UNRESERVED.test(char) ? char : escape.toUpperCase();
}

/** One query name or value as the query parser reads it ('+' is a space), in one canonical encoding; a malformed one as sent. */
function queryComponent(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return encodeURIComponent(raw);
  try {
    return encodeURIComponent(decodeURIComponent(raw.replace(/\+/g, ' ')));
  } catch {
    return raw;
  }
}

/** The gzip form of a cached body, made once on first demand. */
export function gzipOf(entry: CachedResponse): Buffer | undefined {
  if (entry.body.length < GZIP_MIN_BYTES) return undefined;
  entry.gzip ??= gzipSync(entry.body, { level: 6 });
  return entry.gzip;
}
