import type { Readable } from 'node:stream';

/** Where media bytes live. Keys are content-addressed paths like `ab/abcdef….jpg`. */
export interface MediaStorage {
  readonly kind: 'local' | 's3';
  /** Stores the stream under `key` (overwriting is harmless: content-addressed). */
  put(key: string, body: Readable | Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`; with `range`, only bytes start..end (inclusive), for HTTP Range requests. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export interface ByteRange {
  start: number;
  end: number;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** Refuses keys that could escape the storage root or confuse an object store. */
export function assertSafeKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9/_.-]{0,255}$/.test(key) || key.includes('..') || key.includes('//')) {
    throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
  }
}

/** `<first two hex>/<sha256><suffix>` */
export function contentKey(sha256: string, suffix = ''): string {
  return `${sha256.slice(0, 2)}/${sha256}${suffix}`;
}
