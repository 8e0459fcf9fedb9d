import { Injectable } from '@nestjs/common';
import { type Actor, decodeCursor, DomainError, isUniqueViolation, type Page, toPage } from '#common';
import { type Db, PrismaService, type Prisma, recordAudit } from '#database';
import { recordSnapshotChanges, lockTagAndUsers, lockTagRows, tagUsers } from './tag-usage.js';
import { assertLocaleNames, assertName, slugOrFromName, trimmedNames } from './taxonomy-input.js';
import { toTagView, type TagView } from './taxonomy.mapper.js';
import { notifyTaxonomyChange } from './taxonomy-notices.js';
import { retryOnLockConflict } from './row-locks.js';

export interface TagListQuery {
  limit: number;
  cursor?: string;
  q?: string;
}

export interface CreateTagInput {
  name: string;
  slug?: string;
  description?: string;
  names?: Record<string, string>;
}

export type UpdateTagInput = Partial<CreateTagInput>;

/** Tags: any user reads them and attaches them to articles; admins create, rename and delete them (merging: TagMergeService). */
@Injectable()
export class TagService {
  constructor(private readonly prisma: PrismaService) {}

  /** Tags by slug; `q` matches name, slug or a localized name's start. */
  async list(query: TagListQuery): Promise<Page<TagView>> {
    const after = query.cursor ? (decodeCursor(query.cursor, ['string'])[0] as string) : undefined;
    const q = query.q?.trim();
    const where: Prisma.TagWhereInput = {
      ...(after ? { slug: { gt: after } } : {}),
      ...(q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { slug: { contains: q.toLowerCase() } }] } : {}),
    };
    const rows = await this.prisma.tag.findMany({ where, orderBy: { slug: 'asc' }, take: query.limit + 1 });
    return toPage(rows, query.limit, (row) => [row.slug], toTagView);
  }

  async get(id: string): Promise<TagView> {
    const row = await this.prisma.tag.findUnique({ where: { id } });
    if (!row) throw DomainError.notFound('Tag');
    return toTagView(row);
  }

  async create(actor: Actor, input: CreateTagInput): Promise<TagView> {
    assertName(input.name);
    const slug = slugOrFromName(input.slug, input.name);
    return translateTagConflict(() =>
      this.prisma.$transaction(async (tx) => {
        await assertLocaleNames(tx, input.names);
        const row = await tx.tag.create({
          data: { slug, name: input.name.trim(), description: input.description ?? '', names: trimmedNames(input.names ?? {}) },
        });
        // The slug now names a tag of its own: an old redirect from it would shadow nothing but confuse.
        await tx.tagRedirect.deleteMany({ where: { oldSlug: slug } });
        await recordAudit(tx, actor, { action: 'tag.created', entityType: 'tag', entityId: row.id, data: { slug, name: row.name } });
        return toTagView(row);
      }),
    );
  }

  /** Renames; a changed slug keeps the old one as a redirect to this tag (delivery answers it with 301). */
  async update(actor: Actor, id: string, input: UpdateTagInput): Promise<TagView> {
    assertName(input.name);
    return translateTagConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const current = await lockTag(tx, id);
        await assertLocaleNames(tx, input.names);
        const slug = input.slug === undefined ? current.slug : slugOrFromName(input.slug, input.name ?? current.name);
        const row = await tx.tag.update({
          where: { id },
          data: {
            slug,
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.names !== undefined ? { names: trimmedNames(input.names) } : {}),
          },
        });
        if (slug !== current.slug) {
          await tx.tagRedirect.deleteMany({ where: { oldSlug: slug } });
          await tx.tagRedirect.upsert({
            where: { oldSlug: current.slug },
            create: { oldSlug: current.slug, tagId: id, reason: 'renamed' },
            update: { tagId: id, reason: 'renamed' },
          });
        }
        await recordAudit(tx, actor, {
          action: 'tag.updated',
          entityType: 'tag',
          entityId: id,
          data: { before: { slug: current.slug, name: current.name }, after: { slug: row.slug, name: row.name } },
        });
        await notifyTaxonomyChange(tx, id);
        return toTagView(row);
      }),
    );
  }

  /**
   * Deletes a tag. In use (by a working copy or a live article) it is refused
   * with the count, unless `force`: then the links go and live snapshots
   * drop the tag in the same transaction.
   */
  async remove(actor: Actor, id: string, force: boolean): Promise<void> {
    if (!force) {
      const users = await tagUsers(this.prisma, id);
      if (!(await this.prisma.tag.findUnique({ where: { id }, select: { id: true } }))) throw DomainError.notFound('Tag');
      if (users.length) throw inUse(users.length);
    }
    await retryOnLockConflict(() =>
      this.prisma.$transaction(
        async (tx) => {
          const users = await lockTagAndUsers(tx, id, () => lockTagRows(tx, [{ id, removing: true }]));
          if (users.length && !force) throw inUse(users.length);
          const tag = await tx.tag.findUniqueOrThrow({ where: { id } });
          const snapshots = await tx.$queryRaw<{ article_id: string; locale: string; slug: string }[]>`
            UPDATE published_article SET tag_ids = array_remove(tag_ids, ${id}::uuid)
            WHERE ${id}::uuid = ANY(tag_ids) RETURNING article_id::text, locale, slug`;
          await recordSnapshotChanges(tx, snapshots);
          // Links and redirects go with the tag (ON DELETE CASCADE).
          await tx.tag.delete({ where: { id } });
          await recordAudit(tx, actor, {
            action: 'tag.deleted',
            entityType: 'tag',
            entityId: id,
            data: { slug: tag.slug, name: tag.name, forced: force, articleIds: users },
          });
          await notifyTaxonomyChange(
            tx,
            id,
            snapshots.map((s) => s.article_id),
          );
        },
        { timeout: 30_000 },
      ),
    );
  }
}

function inUse(count: number): DomainError {
  return new DomainError('in_use', `The tag is used by ${count} article${count === 1 ? '' : 's'}; merge it into another tag, or delete with ?force=true`, {
    extensions: { articleCount: count },
  });
}

/** The tag row, locked against concurrent renames, merges and deletes. */
async function lockTag(db: Db, id: string) {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM tag WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  if (rows.length === 0) throw DomainError.notFound('Tag');
  return db.tag.findUniqueOrThrow({ where: { id } });
}

export async function translateTagConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, 'slug')) {
      throw new DomainError('slug_taken', 'Another tag already uses this slug', { errors: [{ path: 'slug', message: 'already taken' }] });
    }
    throw error;
  }
}
