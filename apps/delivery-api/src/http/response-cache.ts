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

/** Responses worth compressing. */
const GZIP_MIN_BYTES = 1024;

/**
 * Finished delivery responses by URL, held by each instance and cleared when
 * live content changes (LISTEN/NOTIFY) — so a hit costs a map lookup, and a
 * publish is visible everywhere as soon as the notice arrives.
 */
@Injectable()
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private maxEntries = 20_000;
  hits = 0;
  misses = 0;

  configure(maxEntries: number): void {
    this.maxEntries = maxEntries;
  }

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get(key: string, now = Date.now()): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (!this.enabled) return;
    if (this.entries.size >= this.maxEntries) {
      // Drop the oldest tenth: cheap, and hot keys come back at once.
      let drop = Math.ceil(this.maxEntries / 10);
      for (const oldest of this.entries.keys()) {
        this.entries.delete(oldest);
        if (--drop <= 0) break;
      }
    }
    this.entries.set(key, entry);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The gzip form of a cached body, made once on first demand. */
export function gzipOf(entry: CachedResponse): Buffer | undefined {
  if (entry.body.length < GZIP_MIN_BYTES) return undefined;
  entry.gzip ??= gzipSync(entry.body, { level: 6 });
  return entry.gzip;
}
