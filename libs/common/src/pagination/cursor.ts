import { DomainError } from '../errors/index.js';

/** A list page as both APIs return it. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Opaque keyset cursor: base64url JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    if (cursor.length > 512) throw new Error('too long');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== shape.length) throw new Error('shape');
    parsed.forEach((value, index) => {
      if (typeof value !== shape[index]) throw new Error('type');
    });
    return parsed as (string | number)[];
  } catch {
    throw DomainError.validation([{ path: 'cursor', message: 'not a valid cursor' }]);
  }
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<Row, T>(rows: Row[], limit: number, keyOf: (row: Row) => (string | number)[], map: (row: Row) => T): Page<T> {
  const hasMore = rows.length > limit;
  const slice = hasMore ? rows.slice(0, limit) : rows;
  const last = slice.at(-1);
  return { data: slice.map(map), nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
