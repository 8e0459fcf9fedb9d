import type { Db } from '#database';

/** The conversation around an article: editors' notes and the comments its workflow actions carry. */
export const commentRepository = {
  /** The article's comments, oldest first, with their authors' names. */
  async list(db: Db, articleId: string) {
    return db.articleComment.findMany({
      where: { articleId },
      orderBy: { createdAt: 'asc' },
      include: { author: { select: { name: true } } },
    });
  },

  /** Adds a comment; `authorId` null for one Dispatch writes itself (a failed scheduled publish). */
  async add(db: Db, comment: { articleId: string; authorId?: string | null; body: string; kind: string }) {
    return db.articleComment.create({ data: comment });
  },
};
