import type { Page } from '#common';
import { keysetPage, type KeysetQuery } from '#database';

/**
 * The list of tags and of authors: by slug (unique, so the slug alone is a
 * total order), and `q`, when not blank, matches the name (any case) or the
 * slug.
 */
export function slugSearchPage<Row extends { slug: string }, View, Where extends object>(
  query: { limit: number; cursor?: string; q?: string },
  find: KeysetQuery<Row, View, Where>['find'],
  map: (row: Row) => View,
): Promise<Page<View>> {
  const q = query.q?.trim();
  return keysetPage<Row, View, Where>({
    limit: query.limit,
    cursor: query.cursor,
    keys: [{ field: 'slug', direction: 'asc', part: 'string', of: (row) => row.slug }],
    filters: [!!q && ({ OR: [{ name: { contains: q, mode: 'insensitive' } }, { slug: { contains: q.toLowerCase() } }] } as Where)],
    find,
    map,
  });
}
