import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, orNotFound, type Page } from '#common';
import { PrismaService, recordAudit } from '#database';
import { retryOnLockConflict } from './row-locks.js';
import { tagRepository } from './tag.repository.js';
import { assertLocaleNames, assertName, createNamed, slugOrFromName, translateSlugConflict, trimmedNames } from './taxonomy-input.js';
import { toTagView, type TagView } from './taxonomy.mapper.js';
import { notifyTaxonomyChange } from './taxonomy-notices.js';

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
    return tagRepository.page(this.prisma, query);
  }

  async get(id: string): Promise<TagView> {
    return toTagView(orNotFound(await tagRepository.find(this.prisma, id), 'Tag'));
  }

  async create(actor: Actor, input: CreateTagInput): Promise<TagView> {
    return createNamed('tag', this.prisma, input, async (tx, slug) => {
      const row = await tagRepository.create(tx, {
        slug,
        name: input.name.trim(),
        description: input.description ?? '',
        names: trimmedNames(input.names ?? {}),
      });
      // The slug now names a tag of its own: an old redirect from it would shadow nothing but confuse.
      await tagRepository.clearRedirect(tx, slug);
      await recordAudit(tx, actor, { action: 'tag.created', entityType: 'tag', entityId: row.id, data: { slug, name: row.name } });
      return toTagView(row);
    });
  }

  /** Renames; a changed slug keeps the old one as a redirect to this tag (delivery answers it with 301). */
  async update(actor: Actor, id: string, input: UpdateTagInput): Promise<TagView> {
    assertName(input.name);
    return translateSlugConflict('tag', () =>
      this.prisma.$transaction(async (tx) => {
        const current = orNotFound(await tagRepository.loadForUpdate(tx, id), 'Tag');
        await assertLocaleNames(tx, input.names);
        const slug = input.slug === undefined ? current.slug : slugOrFromName(input.slug, input.name ?? current.name);
        const row = await tagRepository.update(tx, id, {
          slug,
          name: input.name?.trim(),
          description: input.description,
          names: input.names && trimmedNames(input.names),
        });
        if (slug !== current.slug) {
          await tagRepository.clearRedirect(tx, slug);
          await tagRepository.redirect(tx, current.slug, id, 'renamed');
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
      const users = await tagRepository.users(this.prisma, id);
      if (!(await tagRepository.find(this.prisma, id))) throw DomainError.notFound('Tag');
      if (users.length) throw inUse(users.length);
    }
    await retryOnLockConflict(() =>
      this.prisma.$transaction(
        async (tx) => {
          const users = await tagRepository.lockWithUsers(tx, id, [{ id, removing: true }]);
          if (!users) throw DomainError.notFound('Tag');
          if (users.length && !force) throw inUse(users.length);
          const tag = (await tagRepository.find(tx, id))!;
          const rewritten = await tagRepository.dropFromSnapshots(tx, id);
          await tagRepository.delete(tx, id);
          await recordAudit(tx, actor, {
            action: 'tag.deleted',
            entityType: 'tag',
            entityId: id,
            data: { slug: tag.slug, name: tag.name, forced: force, articleIds: users },
          });
          await notifyTaxonomyChange(tx, id, rewritten);
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
