import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, orNotFound, type Page } from '#common';
import { PrismaService, recordAudit } from '#database';
import { sectionRepository } from './section.repository.js';
import { assertLocaleNames, assertName, createNamed, slugOrFromName, translateSlugConflict, trimmedNames } from './taxonomy-input.js';
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

/** The section tree (World News › Europe): admins shape it, every article has one primary section in it. */
@Injectable()
export class SectionService {
  constructor(private readonly prisma: PrismaService) {}

  /** Sections in tree order of siblings (position, then id). */
  async list(query: SectionListQuery): Promise<Page<SectionView>> {
    return sectionRepository.page(this.prisma, query);
  }

  async get(id: string): Promise<SectionView> {
    return toSectionView(orNotFound(await sectionRepository.find(this.prisma, id), 'Section'));
  }

  async create(actor: Actor, input: CreateSectionInput): Promise<SectionView> {
    return createNamed('section', this.prisma, input, async (tx, slug) => {
      const parentId = input.parentId ?? null;
      if (parentId && !(await sectionRepository.exists(tx, parentId))) {
        throw DomainError.validation([{ path: 'parentId', message: 'no such section' }]);
      }
      const position = input.position ?? (await sectionRepository.nextPosition(tx, parentId));
      const row = await sectionRepository.create(tx, {
        slug,
        name: input.name.trim(),
        names: trimmedNames(input.names ?? {}),
        description: input.description ?? '',
        parentId,
        position,
      });
      await recordAudit(tx, actor, { action: 'section.created', entityType: 'section', entityId: row.id, data: { slug, name: row.name, parentId } });
      await notifyTaxonomyChange(tx, row.id);
      return toSectionView(row);
    });
  }

  /**
   * Renames, reorders or moves a section. A move under itself or one of its
   * descendants is refused; after a move every live article in the moved
   * subtree gets its section ancestry (section_ids) recomputed, so section
   * listings that include descendants stay right.
   */
  async update(actor: Actor, id: string, input: UpdateSectionInput): Promise<SectionView> {
    assertName(input.name);
    return translateSlugConflict('section', () =>
      this.prisma.$transaction(
        async (tx) => {
          const moving = input.parentId !== undefined;
          if (moving) await sectionRepository.lockTree(tx);
          const current = orNotFound(await sectionRepository.find(tx, id), 'Section');
          await assertLocaleNames(tx, input.names);
          const parentId = moving ? (input.parentId ?? null) : current.parentId;
          const moved = parentId !== current.parentId;
          let rewritten: string[] = [];
          if (moved) {
            const subtree = await sectionRepository.subtree(tx, id);
            if (parentId && subtree.includes(parentId)) {
              throw DomainError.validation([{ path: 'parentId', message: 'a section cannot move under itself or one of its descendants' }]);
            }
            if (parentId && !(await sectionRepository.exists(tx, parentId))) {
              throw DomainError.validation([{ path: 'parentId', message: 'no such section' }]);
            }
            // Publishing locks the article row and then reads the ancestry: with those rows locked, no publish reads the tree half-moved.
            await sectionRepository.lockArticlesIn(tx, subtree);
            await sectionRepository.update(tx, id, { parentId });
            rewritten = await sectionRepository.recomputeAncestry(tx, subtree);
          }
          const slug = input.slug === undefined ? current.slug : slugOrFromName(input.slug, input.name ?? current.name);
          const row = await sectionRepository.update(tx, id, {
            slug,
            name: input.name?.trim(),
            names: input.names && trimmedNames(input.names),
            description: input.description,
            position: input.position ?? (moved ? await sectionRepository.nextPosition(tx, parentId, id) : undefined),
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
      await sectionRepository.lockTree(tx);
      if (!(await sectionRepository.lockForDelete(tx, id))) throw DomainError.notFound('Section');
      const { children, articles, live } = await sectionRepository.usage(tx, id);
      if (children || articles || live) {
        const parts = [children && `${children} subsection${children === 1 ? '' : 's'}`, articles && `${articles} article${articles === 1 ? '' : 's'}`].filter(
          Boolean,
        );
        throw new DomainError('in_use', `The section still has ${parts.join(' and ') || `${live} live articles`}; move them first`, {
          extensions: { childCount: children, articleCount: articles, liveArticleCount: live },
        });
      }
      const row = await sectionRepository.delete(tx, id);
      await recordAudit(tx, actor, { action: 'section.deleted', entityType: 'section', entityId: id, data: { slug: row.slug, name: row.name } });
      await notifyTaxonomyChange(tx, id);
    });
  }
}
