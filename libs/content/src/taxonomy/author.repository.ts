import type { Page } from '#common';
import { type Author, type Db, type MediaKind, type Prisma } from '#database';
import { slugSearchPage } from './slug-search.js';
import { toAuthorView, type AuthorView } from './taxonomy.mapper.js';

/** An author's own columns, as use cases write them. */
export type AuthorFields = Omit<AuthorView, 'id'>;

/** Byline profiles, and the media and users they point at. */
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

  /** The kind of a media asset (a photo must be an image), or null when there is none. */
  async mediaKind(db: Db, mediaId: string): Promise<MediaKind | null> {
    const media = await db.mediaAsset.findUnique({ where: { id: mediaId }, select: { kind: true } });
    return media?.kind ?? null;
  },

  async userExists(db: Db, userId: string): Promise<boolean> {
    return !!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }));
  },
};
