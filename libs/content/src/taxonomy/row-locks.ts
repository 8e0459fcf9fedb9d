import { isRetryableConflict } from '#common';
import type { Db } from '#database';

/** A row needed by a use case is held by a transaction that may be waiting on us: start over. */
export class LockBusyError extends Error {
  constructor() {
    super('rows are busy; retrying');
    this.name = 'LockBusyError';
  }
}

/**
 * Locks article rows in id order, the order every multi-article use case
 * takes them in (article saves and transitions lock one row, first, with
 * SELECT … FOR UPDATE), so they queue behind each other instead of
 * deadlocking. With `nowait`, a busy row throws LockBusyError at once.
 */
export async function lockArticles(db: Db, ids: string[], options: { nowait?: boolean } = {}): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = options.nowait
    ? await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM article WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE NOWAIT`
    : await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM article WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
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
