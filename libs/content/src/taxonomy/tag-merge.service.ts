import { Injectable } from '@nestjs/common';
import { type Actor, DomainError } from '#common';
import { emitEvent, PrismaService, recordAudit } from '#database';
import { surrogateKey } from '../publishing/public-urls.js';
import { retryOnLockConflict } from './row-locks.js';
import { lockTagAndUsers, lockTagRows, recordSnapshotChanges } from './tag-usage.js';
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
          const users = await lockTagAndUsers(tx, fromId, () =>
            lockTagRows(tx, [
              { id: fromId, removing: true },
              { id: intoId, removing: false },
            ]),
          );
          const from = await tx.tag.findUniqueOrThrow({ where: { id: fromId } });
          const into = await tx.tag.findUniqueOrThrow({ where: { id: intoId } });

          // Working copies: where both tags are linked, A's link goes; elsewhere A's link becomes B's, keeping its position.
          await tx.$executeRaw`
            DELETE FROM article_tag a WHERE a.tag_id = ${fromId}::uuid
              AND EXISTS (SELECT 1 FROM article_tag b WHERE b.article_id = a.article_id AND b.tag_id = ${intoId}::uuid)`;
          await tx.$executeRaw`UPDATE article_tag SET tag_id = ${intoId}::uuid WHERE tag_id = ${fromId}::uuid`;

          // Live snapshots: A replaced by B, without duplicates, order kept.
          const snapshots = await tx.$queryRaw<{ article_id: string; locale: string; slug: string }[]>`
            UPDATE published_article SET tag_ids = ARRAY(
              SELECT t FROM unnest(array_replace(tag_ids, ${fromId}::uuid, ${intoId}::uuid)) WITH ORDINALITY AS u(t, n)
              GROUP BY t ORDER BY min(n))
            WHERE ${fromId}::uuid = ANY(tag_ids)
            RETURNING article_id::text, locale, slug`;
          await recordSnapshotChanges(tx, snapshots);

          // A's old redirects and A's slug now lead to B.
          await tx.tagRedirect.updateMany({ where: { tagId: fromId }, data: { tagId: intoId } });
          await tx.tagRedirect.upsert({
            where: { oldSlug: from.slug },
            create: { oldSlug: from.slug, tagId: intoId, reason: 'merged' },
            update: { tagId: intoId, reason: 'merged' },
          });
          await tx.tag.delete({ where: { id: fromId } });

          const liveIds = snapshots.map((s) => s.article_id).sort();
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
