import type { Db, Session, User } from '#database';

export type SessionWithUser = Session & { user: User };

/** Sign-in sessions: one row per login, found by the hash of its bearer token. */
export const sessionRepository = {
  async create(db: Db, data: { userId: string; tokenHash: string; expiresAt: Date; ip: string; userAgent: string | null }): Promise<void> {
    await db.session.create({ data });
  },

  async findByTokenHash(db: Db, tokenHash: string): Promise<SessionWithUser | null> {
    return db.session.findUnique({ where: { tokenHash }, include: { user: true } });
  },

  async touch(db: Db, id: string, at: Date): Promise<void> {
    await db.session.update({ where: { id }, data: { lastUsedAt: at } });
  },

  /** Revokes the session with this token hash, if it is still live. */
  async revokeByTokenHash(db: Db, tokenHash: string, at: Date): Promise<void> {
    await db.session.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: at } });
  },

  /** Revokes every live session of a user (signed out everywhere). */
  async revokeAllOf(db: Db, userId: string, at: Date): Promise<void> {
    await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  },
};
