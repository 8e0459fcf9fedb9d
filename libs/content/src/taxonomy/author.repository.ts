import type { Page } from '#common';
import { type Author, type Db, type Prisma } from '#database';
import { slugSearchPage } from './slug-search.js';
import { toAuthorView, type AuthorView } from './taxonomy.mapper.js';

/** An author's own columns, as use cases write them. */
export type AuthorFields = Omit<AuthorView, 'id'>;

/** Byline profiles. */
export const authorRepository = {
  /** Authors by slug; `q` matches name or slug. */
  async page(db: Db, query: { limit: number; cursor?: string; q?: string }): Promise<Page<AuthorView>> {
    return slugSearchPage<Author, AuthorView, Prisma.AuthorWhereInput>(query, (args) => db.author.findMany(args), toAuthorView);
  },

  async find(db: Db, id: string): Promise<Author | null> {
    return db.author.findUnique({ where: { id } });
  },

  async create(db: Db, fields: AuthorFields): Promise<Author> {
    return db.author.create({ data: { ...fields, links: fields.links as unknown as Prisma.InputJsonValue } });
  },

  /** Writes the fields given; an undefined field stays as it is. */
  async update(db: Db, id: string, fields: Partial<AuthorFields>): Promise<Author> {
    return db.author.update({ where: { id }, data: { ...fields, links: fields.links as unknown as Prisma.InputJsonValue | undefined } });
  },

  /** The photos of these authors (a live snapshot shows its authors' photos). */
  async photoIds(db: Db, ids: string[]): Promise<string[]> {
    const rows = await db.author.findMany({ where: { id: { in: ids }, photoMediaId: { not: null } }, select: { photoMediaId: true } });
    return rows.map((author) => author.photoMediaId!);
  },

  /** Those of `ids` that are authors. */
  async existingIds(db: Db, ids: string[]): Promise<Set<string>> {
    const rows = await db.author.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  },

  /** The author profile of a user, if they have one. */
  async ofUser(db: Db, userId: string): Promise<string | null> {
    return (await db.author.findUnique({ where: { userId }, select: { id: true } }))?.id ?? null;
  },
};
