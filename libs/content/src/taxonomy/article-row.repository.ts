import type { Db } from '#database';

/** A live snapshot a taxonomy change rewrote, as UPDATE … RETURNING names it. */
export interface RewrittenSnapshot {
  article_id: string;
  locale: string;
  slug: string;
}

/**
 * The article rows that taxonomy and edition use cases lock or rewrite
 * besides their own: a tag merge or a section move must hold off article
 * saves and publishes, and the live snapshots it rewrites must show up in
 * delta sync.
 */
export const articleRowRepository = {
  /**
   * Locks article rows in id order, the order every multi-article use case
   * takes them in (article saves and transitions lock one row, first, with
   * SELECT … FOR UPDATE), so they queue behind each other instead of
   * deadlocking. With `nowait`, a busy row fails at once (a retryable
   * conflict, see retryOnLockConflict). Returns the ids locked.
   */
  async lock(db: Db, ids: string[], options: { nowait?: boolean } = {}): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = options.nowait
      ? await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM article WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE NOWAIT`
      : await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM article WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    return rows.map((row) => row.id);
  },

  /** Live snapshots whose tags or sections changed: delta sync sees them as updated. Returns their article ids. */
  async recordSnapshotChanges(db: Db, snapshots: RewrittenSnapshot[]): Promise<string[]> {
    if (snapshots.length) {
      await db.contentChange.createMany({ data: snapshots.map((s) => ({ articleId: s.article_id, locale: s.locale, slug: s.slug, op: 'upsert' })) });
    }
    return snapshots.map((s) => s.article_id);
  },
};
