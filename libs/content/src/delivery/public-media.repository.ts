import type { Db, MediaAsset, Sql } from '#database';

/** How long live content shows an asset: `forever` null when nothing live shows it. */
export interface LiveUseRow {
  forever: boolean | null;
  latest: Date | null;
}

/** The media reads behind delivery's caches (MediaCache, MediaAccess). */
export const publicMediaRepository = {
  /** The assets with these ids (unknown ones are left out), in one query. */
  async assets(db: Db, ids: string[]): Promise<MediaAsset[]> {
    return db.mediaAsset.findMany({ where: { id: { in: ids } } });
  },

  /**
   * Whether live, unexpired snapshots show the asset — in their media_ids
   * (lead, body image/audio, podcast audio, og image) or as the photo of an
   * author on them — and until when. One indexed query.
   */
  async liveUse(sql: Sql, id: string): Promise<LiveUseRow | undefined> {
    const { rows } = await sql.query<LiveUseRow>({
      name: 'd_media_live_use',
      text: `SELECT bool_or(p.expire_at IS NULL) AS forever, max(p.expire_at) AS latest
        FROM published_article p
        WHERE (p.media_ids @> ARRAY[$1::uuid] OR p.author_ids && ARRAY(SELECT a.id FROM author a WHERE a.photo_media_id = $1::uuid))
          AND (p.expire_at IS NULL OR p.expire_at > now())`,
      values: [id],
    });
    return rows[0];
  },
};
