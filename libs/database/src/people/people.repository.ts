import type { Db } from '../db.js';

/** Whether an API token may still act for its issuer: revoked, expired, or its creator disabled. */
export interface ApiTokenStanding {
  revokedAt: Date | null;
  expiresAt: Date | null;
  createdBy: { disabled: boolean } | null;
}

/**
 * Read-only checks on the people tables (user, api_token) for the libraries
 * that must not import #auth: content validates the users an article or an
 * author points at, and whether a preview link's issuer may still issue it.
 * #auth's user and API token repositories own these tables and write them.
 */
export const peopleRepository = {
  async userExists(db: Db, id: string): Promise<boolean> {
    return !!(await db.user.findUnique({ where: { id }, select: { id: true } }));
  },

  /** Whether the user is disabled, or null when there is no such user. */
  async userStanding(db: Db, id: string): Promise<{ disabled: boolean } | null> {
    return db.user.findUnique({ where: { id }, select: { disabled: true } });
  },

  /** The token's standing, or null when there is no such token. */
  async apiTokenStanding(db: Db, id: string): Promise<ApiTokenStanding | null> {
    return db.apiToken.findUnique({ where: { id }, select: { revokedAt: true, expiresAt: true, createdBy: { select: { disabled: true } } } });
  },
};
