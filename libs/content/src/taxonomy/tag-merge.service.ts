import { Injectable } from '@nestjs/common';
import { type Actor, DomainError } from '#common';
import { emitEvent, PrismaService, recordAudit } from '#database';
import { surrogateKey } from '../publishing/public-urls.js';
import { retryOnLockConflict } from './row-locks.js';
import { tagRepository } from './tag.repository.js';
import { toTagView, type TagView } from './taxonomy.mapper.js';
import { notifyTaxonomyChange } from './taxonomy-notices.js';

/**
 * Merges tag A into tag B in one transaction: every working copy and every
 * live snapshot that had A has B (once, where A stood), revisions stay as
 * they were, A's slug and A's old redirects answer for B, A is gone, and a
 * tag.merged event is in the outbox.
 */
@Injectable()
export class TagMergeService {
  constructor(private readonly prisma: PrismaService) {}

  async merge(actor: Actor, fromId: string, intoId: string): Promise<TagView> {
    if (fromId === intoId) throw DomainError.validation([{ path: 'intoId', message: 'a tag cannot be merged into itself' }]);
    return retryOnLockConflict(() =>
      this.prisma.$transaction(
        async (tx) => {
          const users = await tagRepository.lockWithUsers(tx, fromId, [
            { id: fromId, removing: true },
            { id: intoId, removing: false },
          ]);
          if (!users) throw DomainError.notFound('Tag');
          const from = (await tagRepository.find(tx, fromId))!;
          const into = (await tagRepository.find(tx, intoId))!;

          await tagRepository.moveArticleTags(tx, fromId, intoId);
          const rewritten = await tagRepository.replaceInSnapshots(tx, fromId, intoId);

          // A's old redirects and A's slug now lead to B.
          await tagRepository.moveRedirects(tx, fromId, intoId);
          await tagRepository.redirect(tx, from.slug, intoId, 'merged');
          await tagRepository.delete(tx, fromId);

          const liveIds = rewritten.sort();
          await emitEvent(tx, {
            type: 'tag.merged',
            data: {
              from: { id: from.id, slug: from.slug, name: from.name },
              into: { id: into.id, slug: into.slug, name: into.name },
              articleIds: users,
              liveArticleIds: liveIds,
              urls: [`/content/v1/tags/${encodeURIComponent(from.slug)}`, `/content/v1/tags/${encodeURIComponent(into.slug)}`],
              surrogateKeys: [surrogateKey.tag(from.id), surrogateKey.tag(into.id), ...liveIds.map(surrogateKey.article)],
            },
          });
          await recordAudit(tx, actor, {
            action: 'tag.merged',
            entityType: 'tag',
            entityId: intoId,
            data: { from: { id: from.id, slug: from.slug, name: from.name }, into: { id: into.id, slug: into.slug }, articleCount: users.length },
          });
          await notifyTaxonomyChange(tx, intoId, liveIds);
          return toTagView(into);
        },
        { timeout: 60_000 },
      ),
    );
  }
}
