import { Injectable } from '@nestjs/common';
import { type Actor, decodeCursor, DomainError, isUniqueViolation, type Page, toPage } from '#common';
import { type Db, PrismaService, type Prisma, recordAudit } from '#database';
import { sectionAncestry } from '../publishing/publisher.js';
import { lockArticles } from './row-locks.js';
import { assertLocaleNames, assertName, slugOrFromName, trimmedNames } from './taxonomy-input.js';
import { toSectionView, type SectionView } from './taxonomy.mapper.js';
import { notifyTaxonomyChange } from './taxonomy-notices.js';

export interface SectionListQuery {
  limit: number;
  cursor?: string;
  /** Only the children of this section; "root" for top-level sections. */
  parentId?: string;
}

export interface CreateSectionInput {
  name: string;
  slug?: string;
  names?: Record<string, string>;
  description?: string;
  parentId?: string | null;
  position?: number;
}

export type UpdateSectionInput = Partial<CreateSectionInput>;

/** Tree moves take this lock so two moves cannot build a cycle between them. */
const TREE_LOCK = 0x5ec7_1001;

/** The section tree (World News › Europe): admins shape it, every article has one primary section in it. */
@Injectable()
export class SectionService {
  constructor(private readonly prisma: PrismaService) {}

  /** Sections in tree order of siblings (position, then id). */
  async list(query: SectionListQuery): Promise<Page<SectionView>> {
    const after = query.cursor ? decodeCursor(query.cursor, ['int', 'uuid']) : undefined;
    const where: Prisma.SectionWhereInput = {
      ...(query.parentId ? { parentId: query.parentId === 'root' ? null : query.parentId } : {}),
      ...(after ? { OR: [{ position: { gt: after[0] as number } }, { position: after[0] as number, id: { gt: after[1] as string } }] } : {}),
    };
    const rows = await this.prisma.section.findMany({ where, orderBy: [{ position: 'asc' }, { id: 'asc' }], take: query.limit + 1 });
    return toPage(rows, query.limit, (row) => [row.position, row.id], toSectionView);
  }

  async get(id: string): Promise<SectionView> {
    const row = await this.prisma.section.findUnique({ where: { id } });
    if (!row) throw DomainError.notFound('Section');
    return toSectionView(row);
  }

  async create(actor: Actor, input: CreateSectionInput): Promise<SectionView> {
    assertName(input.name);
    const slug = slugOrFromName(input.slug, input.name);
    return translateSectionConflict(() =>
      this.prisma.$transaction(async (tx) => {
        await assertLocaleNames(tx, input.names);
        const parentId = input.parentId ?? null;
        if (parentId && !(await tx.section.findUnique({ where: { id: parentId }, select: { id: true } }))) {
          throw DomainError.validation([{ path: 'parentId', message: 'no such section' }]);
        }
        const position = input.position ?? (await nextPosition(tx, parentId));
        const row = await tx.section.create({
          data: { slug, name: input.name.trim(), names: trimmedNames(input.names ?? {}), description: input.description ?? '', parentId, position },
        });
        await recordAudit(tx, actor, { action: 'section.created', entityType: 'section', entityId: row.id, data: { slug, name: row.name, parentId } });
        await notifyTaxonomyChange(tx, row.id);
        return toSectionView(row);
      }),
    );
  }

  /**
   * Renames, reorders or moves a section. A move under itself or one of its
   * descendants is refused; after a move every live article in the moved
   * subtree gets its section ancestry (section_ids) recomputed, so section
   * listings that include descendants stay right.
   */
  async update(actor: Actor, id: string, input: UpdateSectionInput): Promise<SectionView> {
    assertName(input.name);
    return translateSectionConflict(() =>
      this.prisma.$transaction(
        async (tx) => {
          const moving = input.parentId !== undefined;
          if (moving) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK})`;
          const current = await tx.section.findUnique({ where: { id } });
          if (!current) throw DomainError.notFound('Section');
          await assertLocaleNames(tx, input.names);
          const parentId = moving ? (input.parentId ?? null) : current.parentId;
          const moved = parentId !== current.parentId;
          let rewritten: string[] = [];
          if (moved) {
            const subtree = await descendantsAndSelf(tx, id);
            if (parentId && subtree.includes(parentId)) {
              throw DomainError.validation([{ path: 'parentId', message: 'a section cannot move under itself or one of its descendants' }]);
            }
            if (parentId && !(await tx.section.findUnique({ where: { id: parentId }, select: { id: true } }))) {
              throw DomainError.validation([{ path: 'parentId', message: 'no such section' }]);
            }
            // Publishing locks the article row and then reads the ancestry: with those rows locked, no publish reads the tree half-moved.
            const articles = await tx.$queryRaw<{ id: string }[]>`
              SELECT id::text FROM article WHERE section_id = ANY(${subtree}::uuid[])
              UNION SELECT article_id::text FROM published_article WHERE section_id = ANY(${subtree}::uuid[])`;
            await lockArticles(
              tx,
              articles.map((a) => a.id),
            );
            await tx.section.update({ where: { id }, data: { parentId } });
            rewritten = await recomputeAncestry(tx, subtree);
          }
          const slug = input.slug === undefined ? current.slug : slugOrFromName(input.slug, input.name ?? current.name);
          const row = await tx.section.update({
            where: { id },
            data: {
              slug,
              ...(input.name !== undefined ? { name: input.name.trim() } : {}),
              ...(input.names !== undefined ? { names: trimmedNames(input.names) } : {}),
              ...(input.description !== undefined ? { description: input.description } : {}),
              ...(input.position !== undefined ? { position: input.position } : moved ? { position: await nextPosition(tx, parentId, id) } : {}),
            },
          });
          await recordAudit(tx, actor, {
            action: moved ? 'section.moved' : 'section.updated',
            entityType: 'section',
            entityId: id,
            data: {
              before: { slug: current.slug, name: current.name, parentId: current.parentId, position: current.position },
              after: { slug: row.slug, name: row.name, parentId: row.parentId, position: row.position },
            },
          });
          await notifyTaxonomyChange(tx, id, rewritten);
          return toSectionView(row);
        },
        { timeout: 60_000 },
      ),
    );
  }

  /** Deletes an empty leaf: a section with children or articles (working or live) is refused with 409 in_use. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK})`;
      // FOR UPDATE waits for article saves that are pointing at this section, and holds off new ones.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM section WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw DomainError.notFound('Section');
      const children = await tx.section.count({ where: { parentId: id } });
      const articles = await tx.article.count({ where: { sectionId: id } });
      const live = await tx.publishedArticle.count({ where: { sectionIds: { has: id } } });
      if (children || articles || live) {
        const parts = [children && `${children} subsection${children === 1 ? '' : 's'}`, articles && `${articles} article${articles === 1 ? '' : 's'}`].filter(
          Boolean,
        );
        throw new DomainError('in_use', `The section still has ${parts.join(' and ') || `${live} live articles`}; move them first`, {
          extensions: { childCount: children, articleCount: articles, liveArticleCount: live },
        });
      }
      const row = await tx.section.delete({ where: { id } });
      await recordAudit(tx, actor, { action: 'section.deleted', entityType: 'section', entityId: id, data: { slug: row.slug, name: row.name } });
      await notifyTaxonomyChange(tx, id);
    });
  }
}

/** The section and everything below it. */
async function descendantsAndSelf(db: Db, id: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE down(id, depth) AS (
      SELECT id, 0 FROM section WHERE id = ${id}::uuid
      UNION ALL
      SELECT s.id, down.depth + 1 FROM section s JOIN down ON s.parent_id = down.id WHERE down.depth < 50
    ) SELECT id::text FROM down`;
  return rows.map((row) => row.id);
}

/** Rewrites section_ids of live snapshots whose primary section is in `sectionIds`; returns the articles touched. */
async function recomputeAncestry(db: Db, sectionIds: string[]): Promise<string[]> {
  const touched: string[] = [];
  const used = await db.publishedArticle.findMany({ where: { sectionId: { in: sectionIds } }, distinct: ['sectionId'], select: { sectionId: true } });
  for (const { sectionId } of used) {
    const ancestry = await sectionAncestry(db, sectionId);
    const rows = await db.$queryRaw<{ article_id: string; locale: string; slug: string }[]>`
      UPDATE published_article SET section_ids = ${ancestry}::uuid[] WHERE section_id = ${sectionId}::uuid
      RETURNING article_id::text, locale, slug`;
    if (rows.length) await db.contentChange.createMany({ data: rows.map((r) => ({ articleId: r.article_id, locale: r.locale, slug: r.slug, op: 'upsert' })) });
    touched.push(...rows.map((row) => row.article_id));
  }
  return touched;
}

async function nextPosition(db: Db, parentId: string | null, except?: string): Promise<number> {
  const last = await db.section.aggregate({ where: { parentId, ...(except ? { id: { not: except } } : {}) }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

async function translateSectionConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, 'slug')) {
      throw new DomainError('slug_taken', 'Another section already uses this slug', { errors: [{ path: 'slug', message: 'already taken' }] });
    }
    throw error;
  }
}
