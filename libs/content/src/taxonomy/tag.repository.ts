import type { Page } from '#common';
import { type Db, type Prisma, type Tag } from '#database';
import { articleRowRepository, type RewrittenSnapshot } from './article-row.repository.js';
import { slugSearchPage } from './slug-search.js';
import { toTagView, type TagView } from './taxonomy.mapper.js';

/** A tag's own columns, as use cases write them. */
export type TagFields = Omit<TagView, 'id'>;

/** A tag to lock: FOR UPDATE when it is to be deleted, FOR NO KEY UPDATE (links may still be added) otherwise. */
export interface TagToLock {
  id: string;
  removing: boolean;
}

/** Tags, their redirects, and the article links and live snapshots that name them. */
export const tagRepository = {
  /** Tags by slug; `q` matches name or slug. */
  async page(db: Db, query: { limit: number; cursor?: string; q?: string }): Promise<Page<TagView>> {
    return slugSearchPage<Tag, TagView, Prisma.TagWhereInput>(query, (args) => db.tag.findMany(args), toTagView);
  },

  async find(db: Db, id: string): Promise<Tag | null> {
    return db.tag.findUnique({ where: { id } });
  },

  /** Those of `ids` that are tags. */
  async existingIds(db: Db, ids: string[]): Promise<Set<string>> {
    const rows = await db.tag.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  },

  async create(db: Db, fields: TagFields): Promise<Tag> {
    return db.tag.create({ data: fields });
  },

  /** Writes the fields given; an undefined field stays as it is. */
  async update(db: Db, id: string, fields: Partial<TagFields>): Promise<Tag> {
    return db.tag.update({ where: { id }, data: fields });
  },

  /** Deletes the tag; its links and redirects go with it (ON DELETE CASCADE). */
  async delete(db: Db, id: string): Promise<void> {
    await db.tag.delete({ where: { id } });
  },

  /** The tag row, locked against concurrent renames, merges and deletes; null when there is none. */
  async loadForUpdate(db: Db, id: string): Promise<Tag | null> {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM tag WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
    return rows.length ? db.tag.findUniqueOrThrow({ where: { id } }) : null;
  },

  /** Articles that use a tag: in their working copy or in their live snapshot. */
  async users(db: Db, tagId: string): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT article_id::text AS id FROM article_tag WHERE tag_id = ${tagId}::uuid
      UNION
      SELECT article_id::text FROM published_article WHERE ${tagId}::uuid = ANY(tag_ids)`;
    return rows.map((row) => row.id).sort();
  },

  /**
   * Locks every article that uses `tagId`, then the tags `tags`, so no
   * article save can add or drop a link to them until the caller commits.
   * Returns the articles that use `tagId`, or null when a tag is missing.
   *
   * Order matters: an article save locks its article row and then, inserting
   * its article_tag rows, takes a key-share lock on each tag. Locking articles
   * before tags keeps the same order. An article that started using the tag
   * between the two steps is locked without waiting; if it is busy (its save
   * may be queued behind our tag lock) the caller's transaction fails with a
   * retryable conflict and starts over (retryOnLockConflict) rather than
   * deadlock.
   */
  async lockWithUsers(db: Db, tagId: string, tags: TagToLock[]): Promise<string[] | null> {
    const locked = new Set(await articleRowRepository.lock(db, await tagRepository.users(db, tagId)));
    if (!(await lockTagRows(db, tags))) return null;
    const users = await tagRepository.users(db, tagId);
    const latecomers = users.filter((id) => !locked.has(id));
    if (latecomers.length) await articleRowRepository.lock(db, latecomers, { nowait: true });
    return users;
  },

  /** Working copies: where both tags are linked, `fromId`'s link goes; elsewhere it becomes `intoId`'s, keeping its position. */
  async moveArticleTags(db: Db, fromId: string, intoId: string): Promise<void> {
    await db.$executeRaw`
      DELETE FROM article_tag a WHERE a.tag_id = ${fromId}::uuid
        AND EXISTS (SELECT 1 FROM article_tag b WHERE b.article_id = a.article_id AND b.tag_id = ${intoId}::uuid)`;
    await db.$executeRaw`UPDATE article_tag SET tag_id = ${intoId}::uuid WHERE tag_id = ${fromId}::uuid`;
  },

  /** Drops the tag from every live snapshot (recorded for delta sync); returns the articles rewritten. */
  async dropFromSnapshots(db: Db, tagId: string): Promise<string[]> {
    const snapshots = await db.$queryRaw<RewrittenSnapshot[]>`
      UPDATE published_article SET tag_ids = array_remove(tag_ids, ${tagId}::uuid)
      WHERE ${tagId}::uuid = ANY(tag_ids) RETURNING article_id::text, locale, slug`;
    return articleRowRepository.recordSnapshotChanges(db, snapshots);
  },

  /** Live snapshots: `fromId` replaced by `intoId`, without duplicates, order kept (recorded for delta sync); returns the articles rewritten. */
  async replaceInSnapshots(db: Db, fromId: string, intoId: string): Promise<string[]> {
    const snapshots = await db.$queryRaw<RewrittenSnapshot[]>`
      UPDATE published_article SET tag_ids = ARRAY(
        SELECT t FROM unnest(array_replace(tag_ids, ${fromId}::uuid, ${intoId}::uuid)) WITH ORDINALITY AS u(t, n)
        GROUP BY t ORDER BY min(n))
      WHERE ${fromId}::uuid = ANY(tag_ids)
      RETURNING article_id::text, locale, slug`;
    return articleRowRepository.recordSnapshotChanges(db, snapshots);
  },

  /** Removes the redirect from `slug`: the slug now names a tag of its own. */
  async clearRedirect(db: Db, slug: string): Promise<void> {
    await db.tagRedirect.deleteMany({ where: { oldSlug: slug } });
  },

  /** Makes `oldSlug` answer for `tagId`. */
  async redirect(db: Db, oldSlug: string, tagId: string, reason: 'renamed' | 'merged'): Promise<void> {
    await db.tagRedirect.upsert({ where: { oldSlug }, create: { oldSlug, tagId, reason }, update: { tagId, reason } });
  },

  /** Every redirect to `fromId` now leads to `intoId`. */
  async moveRedirects(db: Db, fromId: string, intoId: string): Promise<void> {
    await db.tagRedirect.updateMany({ where: { tagId: fromId }, data: { tagId: intoId } });
  },
};

/** Locks tag rows in id order; false when one is missing. */
async function lockTagRows(db: Db, tags: TagToLock[]): Promise<boolean> {
  for (const tag of [...tags].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const rows = tag.removing
      ? await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM tag WHERE id = ${tag.id}::uuid FOR UPDATE`
      : await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM tag WHERE id = ${tag.id}::uuid FOR NO KEY UPDATE`;
    if (rows.length === 0) return false;
  }
  return true;
}
