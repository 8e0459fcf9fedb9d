import type { Db } from '#database';

/** What preview tokens need from the database: the shared signing key, and whether an issuer may still issue. */
export const previewTokenRepository = {
  /** The instance's preview key; `candidate` becomes it if none is stored yet (the first instance to ask wins). */
  async storedKey(db: Db, candidate: string): Promise<string> {
    await db.$executeRaw`INSERT INTO system_setting (key, value) VALUES ('preview_key', ${candidate}) ON CONFLICT (key) DO NOTHING`;
    return (await db.systemSetting.findUniqueOrThrow({ where: { key: 'preview_key' } })).value;
  },

  async issuingUser(db: Db, id: string): Promise<{ disabled: boolean } | null> {
    return db.user.findUnique({ where: { id }, select: { disabled: true } });
  },

  async issuingApiToken(db: Db, id: string): Promise<{ revokedAt: Date | null; expiresAt: Date | null; createdBy: { disabled: boolean } | null } | null> {
    return db.apiToken.findUnique({ where: { id }, select: { revokedAt: true, expiresAt: true, createdBy: { select: { disabled: true } } } });
  },
};
