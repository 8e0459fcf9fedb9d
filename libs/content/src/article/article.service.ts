import { Inject, Injectable } from '@nestjs/common';
import { type Actor, DISPATCH_CONFIG, type DispatchConfig, DomainError, isUniqueViolation, type Page } from '#common';
import { type Db, peopleRepository, PrismaService, recordAudit } from '#database';
import { statusAfterEdit, type ArticleStatus } from '../workflow/workflow.js';
import { ARTICLE_POLICY } from '../policy/access-policy.js';
import { enforce } from '../policy/policy-enforcement.js';
import { slugify } from '../shared/slug.js';
import { authorRepository } from '../taxonomy/author.repository.js';
import { localeRepository } from '../taxonomy/locale.repository.js';
import { assertCanSee, assertVersion } from './article-access.js';
import { assertValidContent } from './article-references.js';
import { changedFields, contentOf, toArticleView } from './article.mapper.js';
import { articleRepository } from './article.repository.js';
import type { ArticleContent, ArticleListQuery, ArticleView, CreateArticleInput, UpdateArticleInput } from './article.types.js';
import { revisionRepository } from './revision.repository.js';

const LOCK_TTL_MS = 5 * 60_000;

/** Articles' working copies: create, read, edit (with revisions), soft edit locks. */
@Injectable()
export class ArticleService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async create(actor: Actor, input: CreateArticleInput): Promise<ArticleView> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const locale = input.locale ?? (await this.defaultLocale(tx));
        if (!(await localeRepository.exists(tx, locale))) {
          throw DomainError.validation([{ path: 'locale', message: 'not a configured locale' }]);
        }
        const translationGroupId = await this.translationGroupFor(tx, actor, input.translationOf, locale);
        const headline = input.headline?.trim() ?? '';
        const content: ArticleContent = {
          kind: input.kind ?? 'story',
          slug: input.slug ?? (await this.freeSlug(tx, slugify(headline, locale) || 'untitled', locale)),
          headline,
          standfirst: input.standfirst ?? '',
          body: input.body ?? [],
          sectionId: input.sectionId ?? null,
          tagIds: input.tagIds ?? [],
          authorIds: input.authorIds ?? (await this.bylineOf(tx, actor)),
          leadMediaId: input.leadMediaId ?? null,
          relatedArticleIds: input.relatedArticleIds ?? [],
          seo: input.seo ?? {},
          embargoUntil: instant(input.embargoUntil),
          publishAt: instant(input.publishAt),
          expireAt: instant(input.expireAt),
          audioMediaId: input.audioMediaId ?? null,
          episodeNumber: input.episodeNumber ?? null,
        };
        await assertValidContent(tx, content, null);
        if (input.assigneeId) await this.assertUser(tx, input.assigneeId, 'assigneeId');
        const id = await articleRepository.insert(tx, { content, locale, translationGroupId, createdById: actor.userId, assigneeId: input.assigneeId ?? null });
        await articleRepository.writeLinks(tx, id, content);
        await revisionRepository.add(tx, actor, id, 1, content, 'created', []);
        await recordAudit(tx, actor, { action: 'article.created', entityType: 'article', entityId: id, data: { headline, locale } });
        return toArticleView((await articleRepository.load(tx, id))!);
      });
    } catch (error) {
      throw translateSlugConflict(error);
    }
  }

  async get(actor: Actor, id: string): Promise<ArticleView> {
    const row = await articleRepository.load(this.prisma, id);
    if (!row) throw DomainError.notFound('Article');
    assertCanSee(actor, row);
    return toArticleView(row);
  }

  async list(actor: Actor, query: ArticleListQuery): Promise<Page<ArticleView>> {
    const ownOnly = ARTICLE_POLICY.listScope(actor) === 'all' ? undefined : (actor.userId ?? '00000000-0000-0000-0000-000000000000');
    return articleRepository.page(this.prisma, query, ownOnly);
  }

  /** Applies a partial edit at `expectedVersion`; a content change adds a revision. */
  async update(actor: Actor, id: string, expectedVersion: number, input: UpdateArticleInput): Promise<ArticleView> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const row = await articleRepository.loadForUpdate(tx, id);
        if (!row) throw DomainError.notFound('Article');
        assertCanSee(actor, row);
        assertVersion(row, expectedVersion);
        const { assigneeId, ...patch } = input;
        const before = contentOf(row);
        const after: ArticleContent = { ...before, ...stripUndefined(withInstants(patch)) };
        const changed = changedFields(before, after);
        const assigneeChanged = assigneeId !== undefined && assigneeId !== row.assigneeId;
        if (changed.length === 0 && !assigneeChanged) return toArticleView(row);
        if (changed.length > 0) enforce(ARTICLE_POLICY.edit(actor, { createdById: row.createdById, status: row.status as ArticleStatus }));
        if (assigneeChanged && assigneeId) await this.assertUser(tx, assigneeId, 'assigneeId');
        if (changed.length > 0) await assertValidContent(tx, after, id);

        const revision = changed.length > 0 ? row.currentRevision + 1 : row.currentRevision;
        await articleRepository.saveEdit(tx, id, {
          ...(changed.length > 0 ? { content: after } : {}),
          ...(assigneeChanged ? { assigneeId } : {}),
          status: changed.length > 0 ? statusAfterEdit(row.status as ArticleStatus) : (row.status as ArticleStatus),
          currentRevision: revision,
          at: new Date(),
        });
        if (changed.length > 0) {
          await articleRepository.writeLinks(tx, id, after);
          await revisionRepository.add(tx, actor, id, revision, after, `edited ${changed.join(', ')}`, changed);
          await recordAudit(tx, actor, { action: 'article.edited', entityType: 'article', entityId: id, data: { revision, fields: changed } });
        }
        if (assigneeChanged) {
          await recordAudit(tx, actor, { action: 'article.assigned', entityType: 'article', entityId: id, data: { from: row.assigneeId, to: assigneeId } });
        }
        return toArticleView((await articleRepository.load(tx, id))!);
      });
    } catch (error) {
      throw translateSlugConflict(error);
    }
  }

  /** Takes (or refreshes) the soft edit lock. Editors may take over another's lock. */
  async lock(actor: Actor, id: string, takeOver: boolean): Promise<ArticleView> {
    const userId = actor.userId;
    if (!userId) throw DomainError.forbidden('Only people can hold an edit lock');
    return this.prisma.$transaction(async (tx) => {
      const row = await articleRepository.loadForUpdate(tx, id);
      if (!row) throw DomainError.notFound('Article');
      assertCanSee(actor, row);
      const now = new Date();
      const heldByOther = !!row.lockedById && row.lockedById !== actor.userId && !!row.lockExpiresAt && row.lockExpiresAt > now;
      if (!ARTICLE_POLICY.takeLock(actor, { heldByOther, takeOver }).ok) {
        throw new DomainError('conflict', `${row.lockedBy?.name ?? 'Someone'} is editing this article`, {
          extensions: { lock: toArticleView(row, now).lock },
        });
      }
      const keepSince = row.lockedById === actor.userId && row.lockExpiresAt && row.lockExpiresAt > now;
      await articleRepository.setLock(tx, id, { userId, since: keepSince ? row.lockedAt : now, expiresAt: new Date(now.getTime() + LOCK_TTL_MS) });
      if (heldByOther) {
        await recordAudit(tx, actor, { action: 'article.lock_taken_over', entityType: 'article', entityId: id, data: { from: row.lockedById } });
      }
      return toArticleView((await articleRepository.load(tx, id))!);
    });
  }

  async unlock(actor: Actor, id: string): Promise<void> {
    const row = await articleRepository.findBrief(this.prisma, id);
    if (!row) throw DomainError.notFound('Article');
    assertCanSee(actor, row);
    enforce(ARTICLE_POLICY.releaseLock(actor, row));
    await articleRepository.releaseLock(this.prisma, id, row.lockedById);
  }

  private async defaultLocale(db: Db): Promise<string> {
    return (await localeRepository.defaultCode(db)) ?? this.config.site.defaultLocale;
  }

  /** The story a new article joins: its own, or `translationOf`'s, which the caller must be allowed to edit. */
  private async translationGroupFor(db: Db, actor: Actor, translationOf: string | undefined, locale: string): Promise<string> {
    if (!translationOf) return articleRepository.newTranslationGroup(db);
    const source = await articleRepository.findBrief(db, translationOf);
    if (!source) throw DomainError.validation([{ path: 'translationOf', message: 'no such article' }]);
    // Else anyone could take a language's slot in any story (and read its editions' drafts).
    enforce(ARTICLE_POLICY.translate(actor, source));
    if (await articleRepository.hasEdition(db, source.translationGroupId, locale)) {
      throw new DomainError('conflict', `This story already has a ${locale} edition`, { errors: [{ path: 'locale', message: 'edition exists' }] });
    }
    return source.translationGroupId;
  }

  /** The caller's own byline, if their user has an author profile. */
  private async bylineOf(db: Db, actor: Actor): Promise<string[]> {
    if (!actor.userId) return [];
    const author = await authorRepository.ofUser(db, actor.userId);
    return author ? [author] : [];
  }

  private async freeSlug(db: Db, base: string, locale: string): Promise<string> {
    const taken = await articleRepository.slugsStartingWith(db, locale, base);
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private async assertUser(db: Db, id: string, path: string): Promise<void> {
    if (!(await peopleRepository.userExists(db, id))) throw DomainError.validation([{ path, message: 'no such user' }]);
  }
}

/**
 * A timestamp as the article columns give it back (UTC, milliseconds), so a
 * revision keeps the same form as the article and the same instant written
 * with another offset is no change.
 */
function instant(value: string | null | undefined): string | null {
  return value ? new Date(value).toISOString() : null;
}

function withInstants<T extends Partial<Pick<ArticleContent, 'embargoUntil' | 'publishAt' | 'expireAt'>>>(input: T): T {
  const out = { ...input };
  for (const field of ['embargoUntil', 'publishAt', 'expireAt'] as const) if (out[field] !== undefined) out[field] = instant(out[field]);
  return out;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function translateSlugConflict(error: unknown): unknown {
  if (isUniqueViolation(error, 'slug')) {
    return new DomainError('slug_taken', 'Another article in this language already uses this slug', { errors: [{ path: 'slug', message: 'already taken' }] });
  }
  return error;
}
