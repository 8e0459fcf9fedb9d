import { Injectable } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { type Actor, DomainError } from '#common';
import { type Db, PrismaService, recordAudit } from '#database';
import { ARTICLE_POLICY, listingVisibility } from '../policy/access-policy.js';
import { enforce } from '../policy/policy-enforcement.js';
import { notifyContentChange } from '../publishing/content-notifications.js';
import { retryOnLockConflict } from '../taxonomy/row-locks.js';
import { editionRepository } from './edition.repository.js';

import type { EditionSchema } from './edition.schema.js';

/** One language edition of a story, as the admin sees it. */
export type EditionView = Static<typeof EditionSchema>;

/**
 * Language editions: articles in one translation group are the same story
 * in different languages, at most one per locale. Each edition runs its own
 * workflow; delivery lists the live ones as `translations`. The live
 * snapshots carry the group too, so linking and unlinking rewrite it there.
 */
@Injectable()
export class EditionService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The other editions of this article's story, as far as the caller may see
   * them: a contributor gets their own editions, and other people's only
   * while live (as they are live).
   */
  async list(actor: Actor, id: string): Promise<EditionView[]> {
    const article = await editionRepository.find(this.prisma, id);
    if (!article) throw DomainError.notFound('Article');
    enforce(ARTICLE_POLICY.see(actor, article));
    const rows = await editionRepository.others(this.prisma, article.translationGroupId, id);
    return rows.flatMap((row): EditionView[] => {
      switch (listingVisibility(actor, { createdById: row.createdById, live: row.published !== null })) {
        case 'working_copy':
          return [{ id: row.id, locale: row.locale, slug: row.slug, headline: row.headline, status: row.status, live: row.liveRevision !== null }];
        case 'live':
          return [{ id: row.id, locale: row.locale, slug: row.published!.slug, headline: row.published!.headline, status: 'published', live: true }];
        case 'none':
          return [];
      }
    });
  }

  /**
   * Links `otherId` (and the editions already linked to it) into the story
   * of `id`. Refused with 409 when a language would then have two editions.
   */
  async link(actor: Actor, id: string, otherId: string): Promise<EditionView[]> {
    if (id === otherId) throw DomainError.validation([{ path: 'articleId', message: 'an article cannot be its own translation' }]);
    await retryOnLockConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const [article, other] = await lockedPair(tx, actor, id, otherId);
        if (article.translationGroupId === other.translationGroupId) return;
        const joining = await editionRepository.lockGroup(tx, other.translationGroupId);
        const staying = await editionRepository.lockGroup(tx, article.translationGroupId);
        const taken = new Map(staying.map((a) => [a.locale, a.id]));
        const clashes = joining.filter((a) => taken.has(a.locale));
        if (clashes.length) {
          throw new DomainError('conflict', `This story already has a ${clashes.map((a) => a.locale).join(', ')} edition`, {
            errors: clashes.map((a) => ({ path: 'articleId', message: `${a.locale}: article ${taken.get(a.locale)} already` })),
          });
        }
        const moved = joining.map((a) => a.id);
        await editionRepository.moveToGroup(tx, moved, article.translationGroupId);
        await editionRepository.deleteGroup(tx, other.translationGroupId);
        await recordAudit(tx, actor, {
          action: 'article.translation_linked',
          entityType: 'article',
          entityId: id,
          data: { articleId: otherId, locale: other.locale, moved, translationGroupId: article.translationGroupId },
        });
        await notifyGroup(
          tx,
          [...staying, ...joining].map((a) => a.id),
        );
      }),
    );
    return this.list(actor, id);
  }

  /** Takes `otherId` out of the story of `id` into a group of its own. */
  async unlink(actor: Actor, id: string, otherId: string): Promise<void> {
    if (id === otherId) throw DomainError.validation([{ path: 'otherId', message: 'an article cannot unlink itself' }]);
    await retryOnLockConflict(() =>
      this.prisma.$transaction(async (tx) => {
        const [article, other] = await lockedPair(tx, actor, id, otherId);
        if (article.translationGroupId !== other.translationGroupId) throw DomainError.notFound('Translation');
        const group = await editionRepository.lockGroup(tx, article.translationGroupId);
        const newGroupId = await editionRepository.createGroup(tx);
        await editionRepository.moveToGroup(tx, [otherId], newGroupId);
        await recordAudit(tx, actor, {
          action: 'article.translation_unlinked',
          entityType: 'article',
          entityId: id,
          data: { articleId: otherId, locale: other.locale, translationGroupId: newGroupId },
        });
        await notifyGroup(
          tx,
          group.map((a) => a.id),
        );
      }),
    );
  }
}

/** Both articles, locked in id order; contributors only link their own. */
async function lockedPair(db: Db, actor: Actor, id: string, otherId: string) {
  const rows = await editionRepository.lockMembers(db, [id, otherId]);
  const article = rows.find((row) => row.id === id);
  const other = rows.find((row) => row.id === otherId);
  if (!article) throw DomainError.notFound('Article');
  if (!other) {
    throw id === otherId
      ? DomainError.notFound('Article')
      : new DomainError('not_found', 'The other article was not found', { errors: [{ path: 'articleId', message: 'no such article' }] });
  }
  enforce(ARTICLE_POLICY.linkEditions(actor, article, other));
  return [article, other] as const;
}

/** Each live edition's `translations` changed: delivery drops them on commit. */
async function notifyGroup(db: Db, articleIds: string[]): Promise<void> {
  for (const articleId of await editionRepository.liveIds(db, articleIds)) await notifyContentChange(db, { kind: 'article', id: articleId });
}
