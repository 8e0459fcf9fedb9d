import type { Db } from '#database';

/** What a live snapshot shows of the media library: its own assets, and its authors (their photos). */
export interface LiveMediaUse {
  mediaIds: string[];
  authorIds: string[];
}

export interface MediaUseChange {
  /** Every asset the change may make public or private (used before or after): delivery forgets what it knew of them. */
  touched: string[];
  /** Assets that nothing live shows any more: delivery stops serving them, and a CDN should purge them. */
  released: string[];
}

/**
 * How one article's change of live snapshot (publish, republish, unpublish,
 * expiry) changes which assets are public. Called inside that transaction,
 * after the snapshot row is written or deleted. The assets' rows are locked
 * (in id order) so that of two articles dropping a shared asset at once, the
 * one committing last sees the other's change and releases it.
 */
export async function mediaUseChange(db: Db, articleId: string, before: LiveMediaUse | null, after: LiveMediaUse | null): Promise<MediaUseChange> {
  const was = await shownAssets(db, before);
  const now = new Set(await shownAssets(db, after));
  const touched = [...new Set([...was, ...now])].sort();
  if (touched.length === 0) return { touched, released: [] };
  // FOR NO KEY UPDATE: serialises with other publishes of these assets, not with drafts referring to them (KEY SHARE).
  await db.$queryRaw`SELECT id FROM media_asset WHERE id = ANY(${touched}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
  const dropped = was.filter((id) => !now.has(id));
  if (dropped.length === 0) return { touched, released: [] };
  const stillShown = await db.$queryRaw<{ id: string }[]>`
    SELECT m.id::text AS id FROM unnest(${dropped}::uuid[]) AS m(id)
    WHERE EXISTS (
      SELECT 1 FROM published_article p
      WHERE p.article_id <> ${articleId}::uuid AND (p.expire_at IS NULL OR p.expire_at > now())
        AND (p.media_ids @> ARRAY[m.id] OR p.author_ids && ARRAY(SELECT a.id FROM author a WHERE a.photo_media_id = m.id)))`;
  const kept = new Set(stillShown.map((row) => row.id));
  return { touched, released: dropped.filter((id) => !kept.has(id)) };
}

async function shownAssets(db: Db, use: LiveMediaUse | null): Promise<string[]> {
  if (!use) return [];
  const photos = use.authorIds.length
    ? await db.author.findMany({ where: { id: { in: use.authorIds }, photoMediaId: { not: null } }, select: { photoMediaId: true } })
    : [];
  return [...new Set([...use.mediaIds, ...photos.map((author) => author.photoMediaId!)])];
}
