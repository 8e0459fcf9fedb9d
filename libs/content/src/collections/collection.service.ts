import { Injectable } from '@nestjs/common';
import { type Actor, decodeCursor, DomainError, type FieldError, isUniqueViolation, type Page, toPage } from '#common';
import { type Db, emitEvent, PrismaService, type Prisma, recordAudit } from '#database';
import { notifyContentChange } from '../publishing/content-notifications.js';
import { surrogateKey } from '../publishing/public-urls.js';
import { isValidSlug } from '../shared/slug.js';
import { COLLECTION_INCLUDE, toCollectionView, type CollectionView } from './collection.mapper.js';

export const MAX_COLLECTION_ITEMS = 200;

export interface CollectionListQuery {
  limit: number;
  cursor?: string;
  locale?: string;
}

export interface CreateCollectionInput {
  slug: string;
  locale?: string;
  name: string;
  description?: string;
  maxItems?: number | null;
}

export type UpdateCollectionInput = Partial<Omit<CreateCollectionInput, 'locale'>>;

export interface ReplaceItemsInput {
  articleIds: string[];
  /** Rail labels by article id, e.g. { "<id>": "FEATURE" }. */
  labels?: Record<string, string | null>;
}

/**
 * Curated, ordered lists per locale (top-stories, features). Items are
 * articles of any status: delivery shows the live ones, so a story that is
 * unpublished drops out of every rail without anyone editing the rail.
 * Writes take an optional expected version (If-Match), like articles.
 */
@Injectable()
export class CollectionService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: CollectionListQuery): Promise<Page<CollectionView>> {
    const after = query.cursor ? decodeCursor(query.cursor, ['string', 'string']) : undefined;
    const where: Prisma.CollectionWhereInput = {
      ...(query.locale ? { locale: query.locale } : {}),
      ...(after ? { OR: [{ slug: { gt: after[0] as string } }, { slug: after[0] as string, locale: { gt: after[1] as string } }] } : {}),
    };
    const rows = await this.prisma.collection.findMany({
      where,
      include: COLLECTION_INCLUDE,
      orderBy: [{ slug: 'asc' }, { locale: 'asc' }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => [row.slug, row.locale], toCollectionView);
  }

  async get(id: string): Promise<CollectionView> {
    const row = await this.prisma.collection.findUnique({ where: { id }, include: COLLECTION_INCLUDE });
    if (!row) throw DomainError.notFound('Collection');
    return toCollectionView(row);
  }

  async create(actor: Actor, input: CreateCollectionInput): Promise<CollectionView> {
    return translateConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const locale = input.locale ?? (await defaultLocale(tx));
        const errors = await fieldErrors(tx, { ...input, locale });
        if (errors.length) throw DomainError.validation(errors);
        const row = await tx.collection.create({
          data: { slug: input.slug, locale, name: input.name.trim(), description: input.description ?? '', maxItems: input.maxItems ?? null },
        });
        await recordAudit(tx, actor, { action: 'collection.created', entityType: 'collection', entityId: row.id, data: { slug: row.slug, locale } });
        return this.load(tx, row.id);
      }),
    );
  }

  async update(actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateCollectionInput): Promise<CollectionView> {
    return translateConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const current = await lockCollection(tx, id, expectedVersion);
        const errors = await fieldErrors(tx, input);
        const count = await tx.collectionItem.count({ where: { collectionId: id } });
        if (input.maxItems && count > input.maxItems) errors.push({ path: 'maxItems', message: `the collection has ${count} items; remove some first` });
        if (errors.length) throw DomainError.validation(errors);
        await tx.collection.update({
          where: { id },
          data: {
            ...(input.slug !== undefined ? { slug: input.slug } : {}),
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.maxItems !== undefined ? { maxItems: input.maxItems } : {}),
            version: { increment: 1 },
          },
        });
        const view = await this.load(tx, id);
        await recordAudit(tx, actor, {
          action: 'collection.updated',
          entityType: 'collection',
          entityId: id,
          data: {
            before: { slug: current.slug, name: current.name, maxItems: current.maxItems },
            after: { slug: view.slug, name: view.name, maxItems: view.maxItems },
          },
        });
        await this.changed(tx, view, current.slug);
        return view;
      }),
    );
  }

  async remove(actor: Actor, id: string, expectedVersion: number | undefined): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const current = await lockCollection(tx, id, expectedVersion);
      await tx.collection.delete({ where: { id } });
      await recordAudit(tx, actor, {
        action: 'collection.deleted',
        entityType: 'collection',
        entityId: id,
        data: { slug: current.slug, locale: current.locale },
      });
      await emitEvent(tx, {
        type: 'collection.updated',
        data: { collection: { id, slug: current.slug, locale: current.locale }, deleted: true, articleIds: [], surrogateKeys: [surrogateKey.collection(id)] },
      });
      await notifyContentChange(tx, { kind: 'collection', id });
    });
  }

  /** Replaces the whole ordered list at once: every id an article of this locale, none twice, at most maxItems. */
  async replaceItems(actor: Actor, id: string, expectedVersion: number | undefined, input: ReplaceItemsInput): Promise<CollectionView> {
    return this.prisma.$transaction(async (tx) => {
      const current = await lockCollection(tx, id, expectedVersion);
      const errors: FieldError[] = [];
      const seen = new Map<string, number>();
      input.articleIds.forEach((articleId, index) => {
        if (seen.has(articleId)) errors.push({ path: `articleIds[${index}]`, message: `duplicate of articleIds[${seen.get(articleId)}]` });
        else seen.set(articleId, index);
      });
      if (current.maxItems !== null && input.articleIds.length > current.maxItems) {
        errors.push({ path: 'articleIds', message: `at most ${current.maxItems} items in this collection` });
      }
      const labels = input.labels ?? {};
      for (const key of Object.keys(labels)) if (!seen.has(key)) errors.push({ path: `labels.${key}`, message: 'not one of articleIds' });
      const articles = await tx.article.findMany({ where: { id: { in: [...seen.keys()] } }, select: { id: true, locale: true } });
      const locales = new Map(articles.map((a) => [a.id, a.locale]));
      input.articleIds.forEach((articleId, index) => {
        const locale = locales.get(articleId);
        if (locale === undefined) errors.push({ path: `articleIds[${index}]`, message: 'no such article' });
        else if (locale !== current.locale)
          errors.push({ path: `articleIds[${index}]`, message: `is a ${locale} article; this collection is ${current.locale}` });
      });
      if (errors.length) throw DomainError.validation(errors);

      const before = (await tx.collectionItem.findMany({ where: { collectionId: id }, orderBy: { position: 'asc' }, select: { articleId: true } })).map(
        (item) => item.articleId,
      );
      await tx.collectionItem.deleteMany({ where: { collectionId: id } });
      await tx.collectionItem.createMany({
        data: input.articleIds.map((articleId, position) => ({ collectionId: id, articleId, position, label: labels[articleId]?.trim() || null })),
      });
      await tx.collection.update({ where: { id }, data: { version: { increment: 1 } } });
      const view = await this.load(tx, id);
      await recordAudit(tx, actor, { action: 'collection.items_replaced', entityType: 'collection', entityId: id, data: { before, after: input.articleIds } });
      await this.changed(tx, view, current.slug);
      return view;
    });
  }

  private async load(db: Db, id: string): Promise<CollectionView> {
    return toCollectionView(await db.collection.findUniqueOrThrow({ where: { id }, include: COLLECTION_INCLUDE }));
  }

  /** collection.updated in the outbox, and delivery instances drop the rail on commit. */
  private async changed(db: Db, view: CollectionView, previousSlug: string): Promise<void> {
    await emitEvent(db, {
      type: 'collection.updated',
      data: {
        collection: { id: view.id, slug: view.slug, locale: view.locale, ...(previousSlug !== view.slug ? { previousSlug } : {}) },
        articleIds: view.items.map((item) => item.articleId),
        version: view.version,
        urls: [`/content/v1/collections/${encodeURIComponent(view.slug)}?locale=${view.locale}`],
        surrogateKeys: [surrogateKey.collection(view.id)],
      },
    });
    await notifyContentChange(db, { kind: 'collection', id: view.id });
  }
}

/** Locks the collection row; a stale expected version is 412 version_conflict. */
async function lockCollection(db: Db, id: string, expectedVersion: number | undefined) {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM collection WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw DomainError.notFound('Collection');
  const row = await db.collection.findUniqueOrThrow({ where: { id } });
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new DomainError('version_conflict', `The collection has changed since version ${expectedVersion}; it is now at version ${row.version}`, {
      extensions: { currentVersion: row.version },
      headers: { etag: `"${row.version}"` },
    });
  }
  return row;
}

async function fieldErrors(db: Db, input: Partial<CreateCollectionInput>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.slug !== undefined && !isValidSlug(input.slug))
    errors.push({ path: 'slug', message: 'must be lowercase letters or digits separated by single hyphens' });
  if (input.name !== undefined && !input.name.trim()) errors.push({ path: 'name', message: 'must not be empty' });
  if (input.locale !== undefined && !(await db.locale.findUnique({ where: { code: input.locale }, select: { code: true } }))) {
    errors.push({ path: 'locale', message: 'not a configured locale' });
  }
  return errors;
}

async function defaultLocale(db: Db): Promise<string> {
  const locale = await db.locale.findFirst({ where: { isDefault: true }, select: { code: true } });
  return locale?.code ?? 'en';
}

async function translateConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('slug_taken', 'Another collection in this language already uses this slug', {
        errors: [{ path: 'slug', message: 'already taken' }],
      });
    }
    throw error;
  }
}
