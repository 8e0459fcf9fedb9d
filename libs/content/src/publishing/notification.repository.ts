import type { Db } from '#database';

/** PostgreSQL notifications: delivered to listeners when (and only if) the sending transaction commits. */
export const notificationRepository = {
  async notify(db: Db, channel: string, payload: string): Promise<void> {
    await db.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
  },
};
