import { isRetryableConflict } from '#common';

/**
 * Runs a transactional use case again when it lost a lock race (a row it
 * needed was busy, or PostgreSQL broke a deadlock by aborting it). Each
 * attempt is a whole new transaction, so nothing half-done survives.
 */
export async function retryOnLockConflict<T>(run: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
