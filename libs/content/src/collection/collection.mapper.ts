import type { Prisma } from '#database';
import type { CollectionItemView, CollectionView } from './collection.schema.js';

export const COLLECTION_INCLUDE = {
  items: {
    orderBy: { position: 'asc' },
    include: { article: { select: { headline: true, status: true, slug: true, liveRevision: true } } },
  },
} as const satisfies Prisma.CollectionInclude;

export type CollectionRow = Prisma.CollectionGetPayload<{ include: typeof COLLECTION_INCLUDE }>;

export type { CollectionItemView, CollectionView };

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
