import type { Page } from '#common';
import { type Collection, type Db, keysetPage, type Prisma } from '#database';
import { COLLECTION_INCLUDE, type CollectionRow, toCollectionView, type CollectionView } from './collection.mapper.js';

/** A collection's own columns, as use cases write them (the version moves on by itself). */
export type CollectionFields = Pick<CollectionView, 'slug' | 'locale' | 'name' | 'description' | 'maxItems'>;

/** One item of a collection's ordered list. */
export interface CollectionItemFields {
  articleId: string;
  label: string | null;
}

/** Curated lists and their items. */
export const collectionRepository = {
  /** Collections by slug, then locale; optionally of one locale. */
  async page(db: Db, query: { limit: number; cursor?: string; locale?: string }): Promise<Page<CollectionView>> {
    return keysetPage<CollectionRow, CollectionView, Prisma.CollectionWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: [
        { field: 'slug', direction: 'asc', part: 'string', of: (row) => row.slug },
        { field: 'locale', direction: 'asc', part: 'string', of: (row) => row.locale },
      ],
      filters: [!!query.locale && { locale: query.locale }],
      find: (args) => db.collection.findMany({ ...args, include: COLLECTION_INCLUDE }),
      map: toCollectionView,
    });
  },

  /** The collection with its items, or null. */
  async load(db: Db, id: string): Promise<CollectionRow | null> {
    return db.collection.findUnique({ where: { id }, include: COLLECTION_INCLUDE });
  },

  /** Locks the collection row until the transaction ends; null when there is none. */
  async loadForUpdate(db: Db, id: string): Promise<Collection | null> {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM collection WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length ? db.collection.findUniqueOrThrow({ where: { id } }) : null;
  },

  /** Creates the collection; returns its id. */
  async create(db: Db, fields: CollectionFields): Promise<string> {
    const row = await db.collection.create({ data: fields });
    return row.id;
  },

  /** Writes the fields given (an undefined field stays as it is) and moves the version on. */
  async update(db: Db, id: string, fields: Partial<Omit<CollectionFields, 'locale'>>): Promise<void> {
    await db.collection.update({ where: { id }, data: { ...fields, version: { increment: 1 } } });
  },

  /** Deletes the collection; its items go with it. */
  async delete(db: Db, id: string): Promise<void> {
    await db.collection.delete({ where: { id } });
  },

  async itemCount(db: Db, id: string): Promise<number> {
    return db.collectionItem.count({ where: { collectionId: id } });
  },

  /** The articles of the list, in order. */
  async itemArticleIds(db: Db, id: string): Promise<string[]> {
    const items = await db.collectionItem.findMany({ where: { collectionId: id }, orderBy: { position: 'asc' }, select: { articleId: true } });
    return items.map((item) => item.articleId);
  },

  /** Replaces the whole list with `items`, in their order, and moves the version on. */
  async replaceItems(db: Db, id: string, items: CollectionItemFields[]): Promise<void> {
    await db.collectionItem.deleteMany({ where: { collectionId: id } });
    await db.collectionItem.createMany({ data: items.map((item, position) => ({ collectionId: id, articleId: item.articleId, position, label: item.label })) });
    await db.collection.update({ where: { id }, data: { version: { increment: 1 } } });
  },

  /** The collections the article is in. */
  async containing(db: Db, articleId: string): Promise<string[]> {
    return (await db.collectionItem.findMany({ where: { articleId }, select: { collectionId: true } })).map((item) => item.collectionId);
  },
};
