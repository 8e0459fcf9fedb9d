import type { Db } from '#database';
import { articleRowRepository } from '../taxonomy/article-row.repository.js';

/** What linking and access checks need of an article. */
export interface EditionMember {
  id: string;
  locale: string;
  translationGroupId: string;
  createdById: string | null;
}

/** Translation groups: the articles that are one story in several languages, and the live snapshots that name the group. */
export const editionRepository = {
  /** The article's group and owner, or null. */
  async find(db: Db, id: string): Promise<Pick<EditionMember, 'translationGroupId' | 'createdById'> | null> {
    return db.article.findUnique({ where: { id }, select: { translationGroupId: true, createdById: true } });
  },

  /** The other articles of a group by locale, with their live snapshot's slug and headline. */
  async others(db: Db, groupId: string, exceptId: string) {
    return db.article.findMany({
      where: { translationGroupId: groupId, id: { not: exceptId } },
      orderBy: { locale: 'asc' },
      select: {
        id: true,
        locale: true,
        slug: true,
        headline: true,
        status: true,
        liveRevision: true,
        createdById: true,
        published: { select: { slug: true, headline: true } },
      },
    });
  },

  /** Locks the articles (in id order) and returns those that exist. */
  async lockMembers(db: Db, ids: string[]): Promise<EditionMember[]> {
    await articleRowRepository.lock(db, ids);
    return db.article.findMany({ where: { id: { in: ids } }, select: { id: true, locale: true, translationGroupId: true, createdById: true } });
  },

  /** Every edition of a group, locked (group row first, then articles in id order). */
  async lockGroup(db: Db, groupId: string): Promise<{ id: string; locale: string }[]> {
    await db.$queryRaw`SELECT id FROM translation_group WHERE id = ${groupId}::uuid FOR UPDATE`;
    const members = await db.article.findMany({ where: { translationGroupId: groupId }, select: { id: true, locale: true }, orderBy: { id: 'asc' } });
    await articleRowRepository.lock(
      db,
      members.map((m) => m.id),
    );
    return members;
  },

  /** A new, empty group; returns its id. */
  async createGroup(db: Db): Promise<string> {
    const { id } = await db.translationGroup.create({ data: {} });
    return id;
  },

  async deleteGroup(db: Db, groupId: string): Promise<void> {
    await db.translationGroup.delete({ where: { id: groupId } });
  },

  /** Moves the articles, and their live snapshots, into the group. */
  async moveToGroup(db: Db, articleIds: string[], groupId: string): Promise<void> {
    await db.article.updateMany({ where: { id: { in: articleIds } }, data: { translationGroupId: groupId } });
    await db.$executeRaw`
      UPDATE published_article
      SET translation_group_id = ${groupId}::uuid,
          document = jsonb_set(document, '{translationGroupId}', to_jsonb(${groupId}::text))
      WHERE article_id = ANY(${articleIds}::uuid[])`;
  },

  /** Which of these articles are live. */
  async liveIds(db: Db, articleIds: string[]): Promise<string[]> {
    const live = await db.publishedArticle.findMany({ where: { articleId: { in: articleIds } }, select: { articleId: true } });
    return live.map((row) => row.articleId);
  },
};
