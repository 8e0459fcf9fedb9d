import type { Db } from '#database';

/** The preview tokens' shared signing key (whether an issuer may still issue is peopleRepository's). */
export const previewTokenRepository = {
  /** The instance's preview key; `candidate` becomes it if none is stored yet (the first instance to ask wins). */
  async storedKey(db: Db, candidate: string): Promise<string> {
    await db.$executeRaw`INSERT INTO system_setting (key, value) VALUES ('preview_key', ${candidate}) ON CONFLICT (key) DO NOTHING`;
    return (await db.systemSetting.findUniqueOrThrow({ where: { key: 'preview_key' } })).value;
  },
};
