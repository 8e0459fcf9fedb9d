import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, type FieldError, isUniqueViolation, orNotFound, type Page } from '#common';
import { type Db, emitEvent, PrismaService, recordAudit } from '#database';
import { articleRepository } from '../article/article.repository.js';
import { notifyContentChange } from '../publishing/content-notifications.js';
import { surrogateKey } from '../publishing/public-urls.js';
import { isValidSlug } from '../shared/slug.js';
import { localeRepository } from '../taxonomy/locale.repository.js';
import { toCollectionView, type CollectionView } from './collection.mapper.js';
import { collectionRepository } from './collection.repository.js';

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
    return collectionRepository.page(this.prisma, query);
  }

  async get(id: string): Promise<CollectionView> {
    return this.load(this.prisma, id);
  }

  async create(actor: Actor, input: CreateCollectionInput): Promise<CollectionView> {
    return translateConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const locale = input.locale ?? (await defaultLocale(tx));
        const errors = await fieldErrors(tx, { ...input, locale });
        if (errors.length) throw DomainError.validation(errors);
        const id = await collectionRepository.create(tx, {
          slug: input.slug,
          locale,
          name: input.name.trim(),
          description: input.description ?? '',
          maxItems: input.maxItems ?? null,
        });
        await recordAudit(tx, actor, { action: 'collection.created', entityType: 'collection', entityId: id, data: { slug: input.slug, locale } });
        return this.load(tx, id);
      }),
    );
  }

  async update(actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateCollectionInput): Promise<CollectionView> {
    return translateConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const current = await lockCollection(tx, id, expectedVersion);
        const errors = await fieldErrors(tx, input);
        const count = await collectionRepository.itemCount(tx, id);
        if (input.maxItems && count > input.maxItems) errors.push({ path: 'maxItems', message: `the collection has ${count} items; remove some first` });
        if (errors.length) throw DomainError.validation(errors);
        await collectionRepository.update(tx, id, { slug: input.slug, name: input.name?.trim(), description: input.description, maxItems: input.maxItems });
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
      await collectionRepository.delete(tx, id);
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
      const locales = await articleRepository.locales(tx, [...seen.keys()]);
      input.articleIds.forEach((articleId, index) => {
        const locale = locales.get(articleId);
        if (locale === undefined) errors.push({ path: `articleIds[${index}]`, message: 'no such article' });
        else if (locale !== current.locale)
          errors.push({ path: `articleIds[${index}]`, message: `is a ${locale} article; this collection is ${current.locale}` });
      });
      if (errors.length) throw DomainError.validation(errors);

      const before = await collectionRepository.itemArticleIds(tx, id);
      await collectionRepository.replaceItems(
        tx,
        id,
        input.articleIds.map((articleId) => ({ articleId, label: labels[articleId]?.trim() || null })),
      );
      const view = await this.load(tx, id);
      await recordAudit(tx, actor, { action: 'collection.items_replaced', entityType: 'collection', entityId: id, data: { before, after: input.articleIds } });
      await this.changed(tx, view, current.slug);
      return view;
    });
  }

  private async load(db: Db, id: string): Promise<CollectionView> {
    return toCollectionView(orNotFound(await collectionRepository.load(db, id), 'Collection'));
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
  const row = orNotFound(await collectionRepository.loadForUpdate(db, id), 'Collection');
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
  if (input.locale !== undefined && !(await localeRepository.exists(db, input.locale))) {
    errors.push({ path: 'locale', message: 'not a configured locale' });
  }
  return errors;
}

async function defaultLocale(db: Db): Promise<string> {
  return (await localeRepository.defaultCode(db)) ?? 'en';
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
