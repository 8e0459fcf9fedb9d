import type { Db, Prisma } from '#database';

/** The columns of a live snapshot that publishing writes (all but the article id and the search vector). */
export type SnapshotColumns = Omit<Prisma.PublishedArticleUncheckedCreateInput, 'articleId' | 'searchVector'>;

/**
 * The live read model (published_article) and what publishing reads and
 * writes beside it: corrections, the delta-sync log. The only code that
 * touches them on the publishing side; delivery reads them on its own.
 */
export const publishedArticleRepository = {
  async find(db: Db, articleId: string) {
    return db.publishedArticle.findUnique({ where: { articleId } });
  },

  /** What the live snapshot shows of the media library, or null when the article is not live. */
  async liveMediaUse(db: Db, articleId: string): Promise<{ mediaIds: string[]; authorIds: string[] } | null> {
    return db.publishedArticle.findUnique({ where: { articleId }, select: { mediaIds: true, authorIds: true } });
  },

  async upsert(db: Db, articleId: string, columns: SnapshotColumns): Promise<void> {
    await db.publishedArticle.upsert({ where: { articleId }, create: { articleId, ...columns }, update: columns });
  },

  async remove(db: Db, articleId: string): Promise<void> {
    await db.publishedArticle.delete({ where: { articleId } });
  },

  /** Fills the snapshot's search vector, weighted headline > standfirst > body, in its locale's text search configuration. */
  async indexForSearch(db: Db, articleId: string, locale: string): Promise<void> {
    await db.$executeRaw`
      UPDATE published_article p SET search_vector =
        setweight(to_tsvector(cfg.config, p.headline), 'A') ||
        setweight(to_tsvector(cfg.config, coalesce(p.summary->>'standfirst', '')), 'B') ||
        setweight(to_tsvector(cfg.config, p.search_text), 'C')
      FROM (SELECT coalesce((SELECT search_config FROM locale WHERE code = ${locale}), 'simple')::regconfig AS config) cfg
      WHERE p.article_id = ${articleId}::uuid`;
  },

  /** True when another article is live in `locale` under `slug`. */
  async slugLiveElsewhere(db: Db, slug: string, locale: string, articleId: string): Promise<boolean> {
    return !!(await db.publishedArticle.findFirst({ where: { slug, locale, articleId: { not: articleId } }, select: { articleId: true } }));
  },

  /** Appends to the delta-sync log (GET /content/v1/sync). */
  async recordChange(db: Db, change: { articleId: string; locale: string; slug: string; op: 'upsert' | 'delete' }): Promise<void> {
    await db.contentChange.create({ data: change });
  },

  async addCorrection(db: Db, correction: { articleId: string; text: string; revision: number; createdById: string | null; at: Date }): Promise<void> {
    await db.correction.create({ data: correction });
  },

  /** The article's corrections, oldest first. */
  async corrections(db: Db, articleId: string): Promise<{ text: string; at: Date }[]> {
    return db.correction.findMany({ where: { articleId }, orderBy: { at: 'asc' }, select: { text: true, at: true } });
  },

  /**
   * Those of `ids` that a live, unexpired snapshot of another article still
   * shows (as its media or an author's photo). One statement over the live
   * snapshots; it joins author for the photos.
   */
  async shownByOthers(db: Db, articleId: string, ids: string[]): Promise<Set<string>> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT m.id::text AS id FROM unnest(${ids}::uuid[]) AS m(id)
      WHERE EXISTS (
        SELECT 1 FROM published_article p
        WHERE p.article_id <> ${articleId}::uuid AND (p.expire_at IS NULL OR p.expire_at > now())
          AND (p.media_ids @> ARRAY[m.id] OR p.author_ids && ARRAY(SELECT a.id FROM author a WHERE a.photo_media_id = m.id)))`;
    return new Set(rows.map((row) => row.id));
  },
};
