import type { Db } from '#database';

/**
 * The scheduler's queries: which articles are due, and claiming one so that
 * of several workers exactly one handles it (FOR UPDATE SKIP LOCKED).
 */
export const scheduleRepository = {
  /** Scheduled articles whose time (or retry time) has come, earliest first. */
  async dueToPublish(db: Db, limit: number): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM article WHERE status = 'scheduled' AND publish_at <= now()
        AND (next_publish_attempt_at IS NULL OR next_publish_attempt_at <= now())
      ORDER BY publish_at LIMIT ${limit}`;
    return rows.map((row) => row.id);
  },

  /** Locks the article if it is still due and no other worker holds it; its failed attempts so far, or null. */
  async claimDue(db: Db, id: string): Promise<{ publishAttempts: number } | null> {
    const [claimed] = await db.$queryRaw<{ publish_attempts: number }[]>`
      SELECT publish_attempts FROM article WHERE id = ${id}::uuid AND status = 'scheduled' AND publish_at <= now()
        AND (next_publish_attempt_at IS NULL OR next_publish_attempt_at <= now())
      FOR UPDATE SKIP LOCKED`;
    return claimed ? { publishAttempts: claimed.publish_attempts } : null;
  },

  /** Locks live articles past their expiry that no other worker holds, earliest first. */
  async claimExpired(db: Db, limit: number): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT a.id FROM published_article p JOIN article a ON a.id = p.article_id
      WHERE p.expire_at <= now() ORDER BY p.expire_at LIMIT ${limit} FOR UPDATE OF a, p SKIP LOCKED`;
    return rows.map((row) => row.id);
  },

  /** Marks where a failed publish rolls back to, keeping the claim (the row lock) and letting the failure be recorded. */
  async savepoint(db: Db): Promise<void> {
    await db.$executeRaw`SAVEPOINT scheduled_publish`;
  },

  async rollbackToSavepoint(db: Db): Promise<void> {
    await db.$executeRaw`ROLLBACK TO SAVEPOINT scheduled_publish`;
  },
};
