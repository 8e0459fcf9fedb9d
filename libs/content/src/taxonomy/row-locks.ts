import { isRetryableConflict } from '#common';

/** A row needed by a use case is held by a transaction that may be waiting on us: start over. */
export class LockBusyError extends Error {
  constructor() {
    super('rows are busy; retrying');
    this.name = 'LockBusyError';
  }
}

function isRetryable(error: unknown): boolean {
  return error instanceof LockBusyError || isRetryableConflict(error);
}

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
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
