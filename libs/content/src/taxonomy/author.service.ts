import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, type FieldError, isUniqueViolation, orNotFound, type Page } from '#common';
import { type Db, peopleRepository, PrismaService, recordAudit } from '#database';
import { mediaRepository } from '../media/media.repository.js';
import { authorRepository } from './author.repository.js';
import { assertName, createNamed, slugOrFromName, translateSlugConflict } from './taxonomy-input.js';
import { toAuthorView, type AuthorLink, type AuthorView } from './taxonomy.mapper.js';
import { notifyTaxonomyChange } from './taxonomy-notices.js';

export interface AuthorListQuery {
  limit: number;
  cursor?: string;
  q?: string;
}

export interface CreateAuthorInput {
  name: string;
  slug?: string;
  bio?: string;
  photoMediaId?: string | null;
  links?: AuthorLink[];
  userId?: string | null;
}

export type UpdateAuthorInput = Partial<CreateAuthorInput>;

/** Byline profiles: several per article, in order; optionally the profile of a user (who then gets it on new drafts). */
@Injectable()
export class AuthorService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: AuthorListQuery): Promise<Page<AuthorView>> {
    return authorRepository.page(this.prisma, query);
  }

  async get(id: string): Promise<AuthorView> {
    return toAuthorView(orNotFound(await authorRepository.find(this.prisma, id), 'Author'));
  }

  async create(actor: Actor, input: CreateAuthorInput): Promise<AuthorView> {
    return translateAuthorConflict(() =>
      createNamed('author', this.prisma, input, async (tx, slug) => {
        await assertReferences(tx, input);
        const row = await authorRepository.create(tx, {
          slug,
          name: input.name.trim(),
          bio: input.bio ?? '',
          photoMediaId: input.photoMediaId ?? null,
          links: input.links ?? [],
          userId: input.userId ?? null,
        });
        await recordAudit(tx, actor, { action: 'author.created', entityType: 'author', entityId: row.id, data: { slug, name: row.name, userId: row.userId } });
        return toAuthorView(row);
      }),
    );
  }

  async update(actor: Actor, id: string, input: UpdateAuthorInput): Promise<AuthorView> {
    assertName(input.name);
    return translateAuthorConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const current = orNotFound(await authorRepository.find(tx, id), 'Author');
        await assertReferences(tx, input);
        const row = await authorRepository.update(tx, id, {
          slug: input.slug === undefined ? undefined : slugOrFromName(input.slug, input.name ?? current.name),
          name: input.name?.trim(),
          bio: input.bio,
          photoMediaId: input.photoMediaId,
          links: input.links,
          userId: input.userId,
        });
        await recordAudit(tx, actor, {
          action: 'author.updated',
          entityType: 'author',
          entityId: id,
          data: { fields: Object.keys(input).filter((key) => input[key as keyof UpdateAuthorInput] !== undefined) },
        });
        await notifyTaxonomyChange(tx, id);
        return toAuthorView(row);
      }),
    );
  }
}

async function assertReferences(db: Db, input: UpdateAuthorInput): Promise<void> {
  const errors: FieldError[] = [];
  if (input.photoMediaId) {
    const kind = await mediaRepository.kind(db, input.photoMediaId);
    if (!kind) errors.push({ path: 'photoMediaId', message: 'no such media asset' });
    else if (kind !== 'image') errors.push({ path: 'photoMediaId', message: `must be an image, not ${kind}` });
  }
  if (input.userId && !(await peopleRepository.userExists(db, input.userId))) {
    errors.push({ path: 'userId', message: 'no such user' });
  }
  (input.links ?? []).forEach((link, index) => {
    if (!link.label?.trim()) errors.push({ path: `links[${index}].label`, message: 'must not be empty' });
  });
  if (errors.length) throw DomainError.validation(errors);
}

/** Slugs are unique, and a user has at most one profile. */
async function translateAuthorConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await translateSlugConflict('author', run);
  } catch (error) {
    if (isUniqueViolation(error, 'user')) {
      throw new DomainError('conflict', 'This user already has an author profile', {
        errors: [{ path: 'userId', message: 'already linked to another author' }],
      });
    }
    throw error;
  }
}
