import type { Correction, Db } from '#database';

/** The working-copy reads a preview needs beyond the article itself (articleRepository.load). */
export const previewRepository = {
  /** The article's corrections, oldest first. */
  async corrections(db: Db, articleId: string): Promise<Correction[]> {
    return db.correction.findMany({ where: { articleId }, orderBy: { at: 'asc' } });
  },

  /** The article's preview epoch (bumped to revoke its preview links), or null when there is no such article. */
  async previewEpoch(db: Db, articleId: string): Promise<number | null> {
    const row = await db.article.findUnique({ where: { id: articleId }, select: { previewEpoch: true } });
    return row ? row.previewEpoch : null;
  },

  /** True when the working copy uses the asset (article_media_use holds lead, audio, og image and body media, kept by every save). */
  async workingCopyUses(db: Db, articleId: string, mediaId: string): Promise<boolean> {
    const use = await db.articleMediaUse.findUnique({ where: { articleId_mediaId: { articleId, mediaId } }, select: { mediaId: true } });
    return !!use;
  },
};
