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

const RETRYABLE = /40P01|55P03|40001|deadlock detected|could not obtain lock|could not serialize/i;

function isRetryable(error: unknown): boolean {
  if (error instanceof LockBusyError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta, message } = error as { code?: unknown; meta?: unknown; message?: unknown };
  return code === 'P2034' || RETRYABLE.test(`${String(message ?? '')} ${JSON.stringify(meta ?? {})}`);
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
