import { DomainError } from '#common';
import type { Db } from '#database';
import { lockArticles } from './row-locks.js';

/** Articles that use a tag: in their working copy or in their live snapshot. */
export async function tagUsers(db: Db, tagId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT article_id::text AS id FROM article_tag WHERE tag_id = ${tagId}::uuid
    UNION
    SELECT article_id::text FROM published_article WHERE ${tagId}::uuid = ANY(tag_ids)`;
  return rows.map((row) => row.id).sort();
}

/**
 * Locks every article that uses `tagId`, then the tags themselves
 * (`lockTags`), so no article save can add or drop a link to them until the
 * caller commits.
 *
 * Order matters: an article save locks its article row and then, inserting
 * its article_tag rows, takes a key-share lock on each tag. Locking articles
 * before tags keeps the same order. An article that started using the tag
 * between the two steps is locked without waiting; if it is busy (its save
 * may be queued behind our tag lock) the caller's transaction starts over
 * (LockBusyError, see retryOnLockConflict) rather than deadlock.
 */
export async function lockTagAndUsers(db: Db, tagId: string, lockTags: () => Promise<void>): Promise<string[]> {
  const locked = new Set(await lockArticles(db, await tagUsers(db, tagId)));
  await lockTags();
  const users = await tagUsers(db, tagId);
  const latecomers = users.filter((id) => !locked.has(id));
  if (latecomers.length) await lockArticles(db, latecomers, { nowait: true });
  return users;
}

/** Locks tag rows in id order: FOR UPDATE for those to be deleted, FOR NO KEY UPDATE (links may still be added) for the others. */
export async function lockTagRows(db: Db, tags: { id: string; removing: boolean }[]): Promise<void> {
  for (const tag of [...tags].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const rows = tag.removing
      ? await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM tag WHERE id = ${tag.id}::uuid FOR UPDATE`
      : await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM tag WHERE id = ${tag.id}::uuid FOR NO KEY UPDATE`;
    if (rows.length === 0) throw DomainError.notFound('Tag');
  }
}

/** Live snapshots whose tag_ids changed: delta sync sees them as updated. */
export async function recordSnapshotChanges(db: Db, snapshots: { article_id: string; locale: string; slug: string }[]): Promise<void> {
  if (snapshots.length === 0) return;
  await db.contentChange.createMany({ data: snapshots.map((s) => ({ articleId: s.article_id, locale: s.locale, slug: s.slug, op: 'upsert' })) });
}
