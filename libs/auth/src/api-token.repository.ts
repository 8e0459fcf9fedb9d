import type { Page, Role } from '#common';
import { type ApiToken, type Db, keysetPage, newestFirst, type Prisma } from '#database';

export type ApiTokenWithCreator = ApiToken & { createdBy: { disabled: boolean } | null };

const NEWEST_FIRST = newestFirst<ApiToken>('createdAt', (row) => row.createdAt);

/** API tokens: stored by hash, with the prefix kept to recognise them by. */
export const apiTokenRepository = {
  /** One page of tokens, newest first. */
  async page<View>(db: Db, query: { limit: number; cursor?: string }, map: (row: ApiToken) => View): Promise<Page<View>> {
    return keysetPage<ApiToken, View, Prisma.ApiTokenWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: NEWEST_FIRST,
      find: (args) => db.apiToken.findMany(args),
      map,
    });
  },

  async find(db: Db, id: string): Promise<ApiToken | null> {
    return db.apiToken.findUnique({ where: { id } });
  },

  /** The token with this hash, and whether the person who made it is disabled. */
  async findByTokenHash(db: Db, tokenHash: string): Promise<ApiTokenWithCreator | null> {
    return db.apiToken.findUnique({ where: { tokenHash }, include: { createdBy: { select: { disabled: true } } } });
  },

  async create(
    db: Db,
    data: { name: string; role: Role; tokenHash: string; prefix: string; expiresAt: Date | null; createdById: string | null },
  ): Promise<ApiToken> {
    return db.apiToken.create({ data });
  },

  async revoke(db: Db, id: string, at: Date): Promise<void> {
    await db.apiToken.update({ where: { id }, data: { revokedAt: at } });
  },

  async touch(db: Db, id: string, at: Date): Promise<void> {
    await db.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  },
};
