import type { Db } from '#database';

/** Fixed-window counters shared by every instance (the login throttle's). */
export const rateLimitBucketRepository = {
  /**
   * Counts one more in `key`'s window starting at `windowStart` — a new
   * window starts from 1 — unless the current window already holds `max`;
   * true when it counted.
   */
  async take(db: Db, key: string, windowStart: Date, max: number): Promise<boolean> {
    // ON CONFLICT locks the row: concurrent takers queue on it and each sees the count the previous one left.
    const taken = await db.$queryRaw<{ count: number }[]>`
      INSERT INTO rate_limit_bucket (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limit_bucket.window_start = EXCLUDED.window_start THEN rate_limit_bucket.count + 1 ELSE 1 END,
        window_start = EXCLUDED.window_start
      WHERE rate_limit_bucket.window_start <> EXCLUDED.window_start OR rate_limit_bucket.count < ${max}
      RETURNING count`;
    return taken.length > 0;
  },

  /** Forgets `key`'s counter. */
  async clear(db: Db, key: string): Promise<void> {
    await db.rateLimitBucket.deleteMany({ where: { key } });
  },

  /** Gives one count back to `key`'s counter, never below zero. */
  async giveBack(db: Db, key: string): Promise<void> {
    await db.$executeRaw`UPDATE rate_limit_bucket SET count = GREATEST(count - 1, 0) WHERE key = ${key}`;
  },
};
