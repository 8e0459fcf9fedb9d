import type { Page } from '#common';
import { type Db, keysetPage, type Prisma, type Section } from '#database';
import { articleRowRepository, type RewrittenSnapshot } from './article-row.repository.js';
import { toSectionView, type SectionView } from './taxonomy.mapper.js';

/** A section's own columns, as use cases write them. */
export type SectionFields = Omit<SectionView, 'id'>;

/** What still points at a section. */
export interface SectionUsage {
  children: number;
  articles: number;
  live: number;
}

/** Tree moves and deletes take this lock so two of them cannot build a cycle between them. */
const TREE_LOCK = 0x5ec7_1001;

/** The section tree, and the article rows and live snapshots that hang from it. */
export const sectionRepository = {
  /** Sections in tree order of siblings (position, then id); `parentId` "root" for top-level sections. */
  async page(db: Db, query: { limit: number; cursor?: string; parentId?: string }): Promise<Page<SectionView>> {
    return keysetPage<Section, SectionView, Prisma.SectionWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: [
        { field: 'position', direction: 'asc', part: 'int', of: (row) => row.position },
        { field: 'id', direction: 'asc', part: 'uuid', of: (row) => row.id },
      ],
      filters: [!!query.parentId && { parentId: query.parentId === 'root' ? null : query.parentId }],
      find: (args) => db.section.findMany(args),
      map: toSectionView,
    });
  },

  async find(db: Db, id: string): Promise<Section | null> {
    return db.section.findUnique({ where: { id } });
  },

  async exists(db: Db, id: string): Promise<boolean> {
    return !!(await db.section.findUnique({ where: { id }, select: { id: true } }));
  },

  async create(db: Db, fields: SectionFields): Promise<Section> {
    return db.section.create({ data: fields });
  },

  /** Writes the fields given; an undefined field stays as it is. */
  async update(db: Db, id: string, fields: Partial<SectionFields>): Promise<Section> {
    return db.section.update({ where: { id }, data: fields });
  },

  async delete(db: Db, id: string): Promise<Section> {
    return db.section.delete({ where: { id } });
  },

  async slug(db: Db, id: string): Promise<string | undefined> {
    return (await db.section.findUnique({ where: { id }, select: { slug: true } }))?.slug;
  },

  /** The section and its ancestors, nearest first (what a live snapshot's sectionIds hold). */
  async ancestry(db: Db, id: string): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM section WHERE id = ${id}::uuid
        UNION ALL
        SELECT s.id, s.parent_id, up.depth + 1 FROM section s JOIN up ON s.id = up.parent_id WHERE up.depth < 20
      ) SELECT id::text FROM up ORDER BY depth`;
    return rows.map((row) => row.id);
  },

  /** Serialises tree moves and deletes until the transaction ends. */
  async lockTree(db: Db): Promise<void> {
    await db.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK})`;
  },

  /**
   * Locks the section row FOR UPDATE: waits for article saves that point at
   * it, and holds off new ones. False when there is no such section.
   */
  async lockForDelete(db: Db, id: string): Promise<boolean> {
    const locked = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM section WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length > 0;
  },

  async usage(db: Db, id: string): Promise<SectionUsage> {
    const children = await db.section.count({ where: { parentId: id } });
    const articles = await db.article.count({ where: { sectionId: id } });
    const live = await db.publishedArticle.count({ where: { sectionIds: { has: id } } });
    return { children, articles, live };
  },

  /** The section and everything below it. */
  async subtree(db: Db, id: string): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE down(id, depth) AS (
        SELECT id, 0 FROM section WHERE id = ${id}::uuid
        UNION ALL
        SELECT s.id, down.depth + 1 FROM section s JOIN down ON s.parent_id = down.id WHERE down.depth < 50
      ) SELECT id::text FROM down`;
    return rows.map((row) => row.id);
  },

  /** Locks every article whose working copy or live snapshot is in one of the sections. */
  async lockArticlesIn(db: Db, sectionIds: string[]): Promise<void> {
    const articles = await db.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM article WHERE section_id = ANY(${sectionIds}::uuid[])
      UNION SELECT article_id::text FROM published_article WHERE section_id = ANY(${sectionIds}::uuid[])`;
    await articleRowRepository.lock(
      db,
      articles.map((a) => a.id),
    );
  },

  /** Rewrites section_ids of live snapshots whose primary section is in `sectionIds` (recorded for delta sync); returns the articles touched. */
  async recomputeAncestry(db: Db, sectionIds: string[]): Promise<string[]> {
    const touched: string[] = [];
    const used = await db.publishedArticle.findMany({ where: { sectionId: { in: sectionIds } }, distinct: ['sectionId'], select: { sectionId: true } });
    for (const { sectionId } of used) {
      const ancestry = await sectionRepository.ancestry(db, sectionId);
      const rows = await db.$queryRaw<RewrittenSnapshot[]>`
        UPDATE published_article SET section_ids = ${ancestry}::uuid[] WHERE section_id = ${sectionId}::uuid
        RETURNING article_id::text, locale, slug`;
      touched.push(...(await articleRowRepository.recordSnapshotChanges(db, rows)));
    }
    return touched;
  },

  /** The position after the last child of `parentId` (not counting `except`). */
  async nextPosition(db: Db, parentId: string | null, except?: string): Promise<number> {
    const last = await db.section.aggregate({ where: { parentId, ...(except ? { id: { not: except } } : {}) }, _max: { position: true } });
    return (last._max.position ?? -1) + 1;
  },
};
