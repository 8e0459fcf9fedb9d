import type { SortKey } from '#database';

/** Tags and authors list by slug: slugs are unique, so the slug alone is a total order. */
export function bySlug<Row extends { slug: string }>(): SortKey<Row>[] {
  return [{ field: 'slug', direction: 'asc', part: 'string', of: (row) => row.slug }];
}

/** The `q` filter of tags and authors: the name contains it (any case), or the slug does; nothing when `q` is blank. */
export function nameOrSlugContains(q: string | undefined) {
  const term = q?.trim();
  return !!term && { OR: [{ name: { contains: term, mode: 'insensitive' as const } }, { slug: { contains: term.toLowerCase() } }] };
}
