import { isUuid } from '../ids.js';
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

/**
 * What each element of a cursor's key must be. Checked when decoding, so a
 * forged cursor is a 400 here rather than a database error further down
 * (an unparseable timestamp, a non-UUID id, a number past int4, a NUL byte).
 */
export type CursorPart = 'string' | 'number' | 'int' | 'date' | 'uuid';

const INT4_MAX = 2_147_483_647;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const PART_CHECKS: Record<CursorPart, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string' && !value.includes('\u0000'),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  int: (value) => Number.isInteger(value) && Math.abs(value as number) <= INT4_MAX,
  // The 4-digit-year form toISOString() writes, from the year 1 (PostgreSQL has no year 0).
  date: (value) => typeof value === 'string' && ISO_INSTANT.test(value) && !value.startsWith('0000') && Number.isFinite(Date.parse(value)),
  uuid: (value) => isUuid(value),
};

/** Decodes a cursor made by encodeCursor; anything else (or of another shape) is 400 validation_failed on `cursor`. */
export function decodeCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] {
  try {
    if (cursor.length > 512) throw new Error('too long');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== shape.length) throw new Error('shape');
    parsed.forEach((value, index) => {
      if (!PART_CHECKS[shape[index]!](value)) throw new Error('type');
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

/** A short list that is never cut into pages, in the page envelope every list answers with. */
export function onePage<T>(data: T[]): Page<T> {
  return { data, nextCursor: null };
}
