import { type CursorPart, decodeCursor, type Page, toPage } from '#common';

/**
 * One column of a list's sort order. The last key must be unique (the id),
 * so the order is total and a cursor names exactly one position.
 */
export interface SortKey<Row> {
  field: string;
  direction: 'asc' | 'desc';
  /** How the cursor carries the value (checked when decoding: a forged cursor is a 400). */
  part: CursorPart;
  /** The row's value as the cursor stores it (a date as its ISO string). */
  of(row: Row): string | number;
}

/** A filter condition, or nothing: lists build their filters as optional members. */
export type Filter<Where> = Where | undefined | null | false;

export interface KeysetQuery<Row, View, Where> {
  limit: number;
  cursor?: string | undefined;
  keys: readonly SortKey<Row>[];
  /**
   * The list's filters. Each one is its own AND member, and so is the
   * cursor's condition, so no two conditions can share (and overwrite) a key
   * such as `OR`: page 2 of a search stays searched.
   */
  filters?: readonly Filter<Where>[];
  find(args: { where: Where; orderBy: Record<string, 'asc' | 'desc'>[]; take: number }): Promise<Row[]>;
  map(row: Row): View;
}

/**
 * The keyset (cursor) page every admin list returns: `limit` rows after the
 * cursor in the keys' order, and the cursor of the last one when more follow.
 */
export async function keysetPage<Row, View, Where extends object>(query: KeysetQuery<Row, View, Where>): Promise<Page<View>> {
  const after = query.cursor
    ? decodeCursor(
        query.cursor,
        query.keys.map((key) => key.part),
      )
    : undefined;
  const rows = await query.find({
    where: allOf<Where>(...(query.filters ?? []), after && (afterPosition(query.keys, after) as Where)),
    orderBy: query.keys.map((key) => ({ [key.field]: key.direction })),
    take: query.limit + 1,
  });
  return toPage(
    rows,
    query.limit,
    (row) => query.keys.map((key) => key.of(row)),
    (row) => query.map(row),
  );
}

/** Every present condition, each its own member of one AND. */
export function allOf<Where>(...conditions: readonly Filter<Where>[]): Where {
  return { AND: conditions.filter((condition): condition is Where => !!condition) } as Where;
}

/**
 * Rows strictly after the cursor's position in the keys' order:
 * (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … — with < for descending keys.
 */
export function afterPosition<Row>(keys: readonly SortKey<Row>[], after: readonly (string | number)[]): object {
  const value = (index: number) => (keys[index]!.part === 'date' ? new Date(after[index] as string) : after[index]!);
  return {
    OR: keys.map((key, index) => ({
      ...Object.fromEntries(keys.slice(0, index).map((equal, at) => [equal.field, value(at)])),
      [key.field]: { [key.direction === 'asc' ? 'gt' : 'lt']: value(index) },
    })),
  };
}

/** The usual newest-first order: a timestamp column, then the id. */
export function newestFirst<Row extends { id: string }>(field: string, at: (row: Row) => Date): SortKey<Row>[] {
  return [
    { field, direction: 'desc', part: 'date', of: (row) => at(row).toISOString() },
    { field: 'id', direction: 'desc', part: 'uuid', of: (row) => row.id },
  ];
}
