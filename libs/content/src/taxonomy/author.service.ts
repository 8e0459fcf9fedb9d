import { Injectable } from '@nestjs/common';
import { type Actor, decodeCursor, DomainError, type FieldError, isUniqueViolation, type Page, toPage } from '#common';
import { type Db, PrismaService, type Prisma, recordAudit } from '#database';
import { assertName, slugOrFromName } from './taxonomy-input.js';
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
    const after = query.cursor ? (decodeCursor(query.cursor, ['string'])[0] as string) : undefined;
    const q = query.q?.trim();
    const where: Prisma.AuthorWhereInput = {
      ...(after ? { slug: { gt: after } } : {}),
      ...(q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { slug: { contains: q.toLowerCase() } }] } : {}),
    };
    const rows = await this.prisma.author.findMany({ where, orderBy: { slug: 'asc' }, take: query.limit + 1 });
    return toPage(rows, query.limit, (row) => [row.slug], toAuthorView);
  }

  async get(id: string): Promise<AuthorView> {
    const row = await this.prisma.author.findUnique({ where: { id } });
    if (!row) throw DomainError.notFound('Author');
    return toAuthorView(row);
  }

  async create(actor: Actor, input: CreateAuthorInput): Promise<AuthorView> {
    assertName(input.name);
    const slug = slugOrFromName(input.slug, input.name);
    return translateAuthorConflict(() =>
      this.prisma.$transaction(async (tx) => {
        await assertReferences(tx, input);
        const row = await tx.author.create({
          data: {
            slug,
            name: input.name.trim(),
            bio: input.bio ?? '',
            photoMediaId: input.photoMediaId ?? null,
            links: (input.links ?? []) as unknown as Prisma.InputJsonValue,
            userId: input.userId ?? null,
          },
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
        const current = await tx.author.findUnique({ where: { id } });
        if (!current) throw DomainError.notFound('Author');
        await assertReferences(tx, input);
        const row = await tx.author.update({
          where: { id },
          data: {
            ...(input.slug !== undefined ? { slug: slugOrFromName(input.slug, input.name ?? current.name) } : {}),
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.bio !== undefined ? { bio: input.bio } : {}),
            ...(input.photoMediaId !== undefined ? { photoMediaId: input.photoMediaId } : {}),
            ...(input.links !== undefined ? { links: input.links as unknown as Prisma.InputJsonValue } : {}),
            ...(input.userId !== undefined ? { userId: input.userId } : {}),
          },
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
    const media = await db.mediaAsset.findUnique({ where: { id: input.photoMediaId }, select: { kind: true } });
    if (!media) errors.push({ path: 'photoMediaId', message: 'no such media asset' });
    else if (media.kind !== 'image') errors.push({ path: 'photoMediaId', message: `must be an image, not ${media.kind}` });
  }
  if (input.userId && !(await db.user.findUnique({ where: { id: input.userId }, select: { id: true } }))) {
    errors.push({ path: 'userId', message: 'no such user' });
  }
  (input.links ?? []).forEach((link, index) => {
    if (!link.label?.trim()) errors.push({ path: `links[${index}].label`, message: 'must not be empty' });
  });
  if (errors.length) throw DomainError.validation(errors);
}

async function translateAuthorConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, 'slug')) {
      throw new DomainError('slug_taken', 'Another author already uses this slug', { errors: [{ path: 'slug', message: 'already taken' }] });
    }
    if (isUniqueViolation(error, 'user')) {
      throw new DomainError('conflict', 'This user already has an author profile', {
        errors: [{ path: 'userId', message: 'already linked to another author' }],
      });
    }
    throw error;
  }
}
