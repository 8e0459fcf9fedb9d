import type { Prisma } from '#database';

export const COLLECTION_INCLUDE = {
  items: {
    orderBy: { position: 'asc' },
    include: { article: { select: { headline: true, status: true, slug: true, liveRevision: true } } },
  },
} as const satisfies Prisma.CollectionInclude;

type CollectionRow = Prisma.CollectionGetPayload<{ include: typeof COLLECTION_INCLUDE }>;

export interface CollectionItemView {
  articleId: string;
  position: number;
  label: string | null;
  headline: string;
  slug: string;
  status: string;
  /** Whether delivery shows it now. */
  live: boolean;
}

/** Admin representation of a curated list; `items` show every article, live or not. */
export interface CollectionView {
  id: string;
  slug: string;
  locale: string;
  name: string;
  description: string;
  maxItems: number | null;
  version: number;
  items: CollectionItemView[];
  createdAt: string;
  updatedAt: string;
}

export function toCollectionView(row: CollectionRow): CollectionView {
  return {
    id: row.id,
    slug: row.slug,
    locale: row.locale,
    name: row.name,
    description: row.description,
    maxItems: row.maxItems,
    version: row.version,
    items: row.items.map((item) => ({
      articleId: item.articleId,
      position: item.position,
      label: item.label,
      headline: item.article.headline,
      slug: item.article.slug,
      status: item.article.status,
      live: item.article.liveRevision !== null,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
