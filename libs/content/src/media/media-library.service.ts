import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { type Actor, decodeCursor, DomainError, isUuid, type Page, toPage } from '#common';
import { emitEvent, type MediaAsset, Prisma, PrismaService, recordAudit } from '#database';
import { listingVisibility } from '../articles/article-access.js';
import { notifyContentChange } from '../publishing/content-notifications.js';
import { surrogateKey } from '../publishing/public-urls.js';
import { assertCanEditMedia } from './media-access.js';
import type { MediaMetadataInput } from './media-ingest.service.js';
import { toMediaView, type MediaView } from './media.mapper.js';
import type { MediaUserSchema } from './media.schema.js';
import { type MediaPublishProblem, mediaPublishProblems } from './media-publish.js';
import type { MediaKindName } from './media-type.js';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage.js';

export interface MediaListQuery {
  limit: number;
  cursor?: string;
  /** Searches caption, credit and creator. */
  q?: string;
  kind?: MediaKindName;
  /** Only assets with neither credit nor creator. */
  missingCredit?: boolean;
}

/** An article that uses an asset (why it cannot be deleted). */
export type MediaUser = Static<typeof MediaUserSchema>;

/** A using article as the database has it, before the caller's visibility is applied. */
type MediaUserRow = MediaUser & {
  createdById: string | null;
  /** The live revision's headline, when live. */
  liveHeadline: string | null;
};

const EDITABLE_TEXT = ['caption', 'credit', 'creator', 'copyrightNotice', 'usageTerms', 'altText'] as const;

/** The library: browse, correct metadata, delete unused assets. */
@Injectable()
export class MediaLibraryService {
  private readonly logger = new Logger(MediaLibraryService.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  async list(query: MediaListQuery): Promise<Page<MediaView>> {
    const after = query.cursor ? decodeCursor(query.cursor, ['date', 'uuid']) : undefined;
    const where: Prisma.MediaAssetWhereInput[] = [];
    if (query.kind) where.push({ kind: query.kind });
    if (query.missingCredit === true) where.push({ credit: '', creator: '' });
    if (query.missingCredit === false) where.push({ OR: [{ credit: { not: '' } }, { creator: { not: '' } }] });
    const q = query.q?.trim();
    if (q) {
      where.push({
        OR: (['caption', 'credit', 'creator'] as const).map((field) => ({ [field]: { contains: q, mode: 'insensitive' as const } })),
      });
    }
    if (after) {
      const at = new Date(after[0] as string);
      if (Number.isNaN(at.getTime())) throw DomainError.validation([{ path: 'cursor', message: 'not a valid cursor' }]);
      where.push({ OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after[1] as string } }] });
    }
    const rows = await this.prisma.mediaAsset.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], toMediaView);
  }

  async get(id: string): Promise<MediaView> {
    return toMediaView(await this.find(id));
  }

  /**
   * Corrects metadata (who may: media-access.ts). Moving the focal point drops
   * the cropped renditions so they are made again around it. The audit entry
   * keeps each changed field's old and new value and the live stories that
   * show the asset.
   */
  async update(actor: Actor, id: string, input: MediaMetadataInput): Promise<MediaView> {
    const { asset, staleKeys } = await this.prisma.$transaction(async (tx) => {
      const before = await tx.mediaAsset.findUnique({ where: { id } });
      if (!before) throw DomainError.notFound('Media');
      const liveArticleIds = await liveUsersOf(tx, id);
      assertCanEditMedia(actor, before, liveArticleIds.length > 0);
      const data: Prisma.MediaAssetUpdateInput = {};
      for (const field of EDITABLE_TEXT) if (input[field] !== undefined) data[field] = input[field];
      if (input.focalPoint !== undefined) Object.assign(data, { focalX: input.focalPoint.x, focalY: input.focalPoint.y });
      if (input.isFilePhoto !== undefined) data.isFilePhoto = input.isFilePhoto;
      if (input.digitalSourceType !== undefined) data.digitalSourceType = input.digitalSourceType;
      if (input.rightsExpireAt !== undefined) data.rightsExpireAt = input.rightsExpireAt;
      const after = await tx.mediaAsset.update({ where: { id }, data });
      const changed = changedFields(before, after);
      let stale: string[] = [];
      if (changed.includes('focalPoint')) {
        const cropped = await tx.mediaRendition.findMany({ where: { mediaId: id, aspect: { not: '' } }, select: { storageKey: true } });
        await tx.mediaRendition.deleteMany({ where: { mediaId: id, aspect: { not: '' } } });
        stale = cropped.map((rendition) => rendition.storageKey);
      }
      if (changed.length > 0) {
        const [was, is] = [toMediaView(before), toMediaView(after)];
        const changes = Object.fromEntries(changed.map((field) => [field, { from: was[field as keyof MediaView], to: is[field as keyof MediaView] }]));
        await recordAudit(tx, actor, { action: 'media.updated', entityType: 'media', entityId: id, data: { fields: changed, changes, liveArticleIds } });
        // The key delivery's media responses carry: a CDN purges renditions and originals by it (new crop, credit, rights).
        await emitEvent(tx, {
          type: 'media.updated',
          data: { id, fields: changed, media: { ...is }, surrogateKeys: [surrogateKey.media(id)] },
        });
        // Live articles show credits and captions as they are now: delivery instances drop this asset.
        await notifyContentChange(tx, { kind: 'media', id });
      }
      return { asset: after, staleKeys: stale };
    });
    await this.removeObjects(staleKeys);
    return toMediaView(asset);
  }

  /**
   * Deletes an asset no article uses. Refused (409 in_use) while a working
   * copy or a live snapshot refers to it, listing those articles.
   */
  async delete(actor: Actor, id: string): Promise<void> {
    const keys = await this.prisma.$transaction(async (tx) => {
      // Serialise with concurrent saves that might start using the asset.
      const [asset] = await tx.$queryRaw<MediaAsset[]>`SELECT id FROM media_asset WHERE id = ${id}::uuid FOR UPDATE`;
      if (!asset) throw DomainError.notFound('Media');
      const users = (await usersOf(tx, id)).map(asUser);
      if (users.length > 0) {
        throw new DomainError('in_use', `The media is used by ${users.length} article(s); remove it from them first`, { extensions: { articles: users } });
      }
      const renditions = await tx.mediaRendition.findMany({ where: { mediaId: id }, select: { storageKey: true } });
      const deleted = await tx.mediaAsset.delete({ where: { id } });
      await recordAudit(tx, actor, { action: 'media.deleted', entityType: 'media', entityId: id, data: { sha256: deleted.sha256, mime: deleted.mime } });
      return [deleted.storageKey, ...renditions.map((rendition) => rendition.storageKey)];
    });
    await this.removeObjects(keys);
  }

  /**
   * Articles (working copies or live snapshots) that use the asset, as far as
   * the caller may see them: a contributor gets their own articles, and other
   * people's only while live, with the live headline.
   */
  async usage(actor: Actor, id: string): Promise<MediaUser[]> {
    await this.find(id);
    return (await usersOf(this.prisma, id)).flatMap((row): MediaUser[] => {
      switch (listingVisibility(actor, row)) {
        case 'working_copy':
          return [asUser(row)];
        case 'live':
          return row.liveHeadline === null ? [] : [{ id: row.id, headline: row.liveHeadline, status: 'published', live: true }];
        case 'none':
          return [];
      }
    });
  }

  /**
   * Publish preconditions for a set of media ids (for the workflow): missing
   * assets, uncredited images, expired rights at `at`.
   */
  async publishProblems(ids: readonly string[], at: Date = new Date()): Promise<MediaPublishProblem[]> {
    const unique = [...new Set(ids)];
    const uuids = unique.filter(isUuid);
    const assets = uuids.length
      ? await this.prisma.mediaAsset.findMany({
          where: { id: { in: uuids } },
          select: { id: true, kind: true, credit: true, creator: true, rightsExpireAt: true },
        })
      : [];
    return mediaPublishProblems(unique, assets, at);
  }

  private async find(id: string): Promise<MediaAsset> {
    const asset = await this.prisma.mediaAsset.findUnique({ where: { id } });
    if (!asset) throw DomainError.notFound('Media');
    return asset;
  }

  /** Storage cleanup after commit; a leftover object is harmless, so failures are only logged. */
  private async removeObjects(keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.storage.delete(key);
      } catch (error) {
        this.logger.warn(`could not delete stored object ${key}: ${(error as Error).message}`);
      }
    }
  }
}

type RawDb = Pick<Prisma.TransactionClient, '$queryRaw'>;

async function usersOf(db: RawDb, mediaId: string): Promise<MediaUserRow[]> {
  return db.$queryRaw<MediaUserRow[]>`
    SELECT a.id, a.headline, a.status::text AS status, (p.article_id IS NOT NULL) AS live,
           a.created_by_id::text AS "createdById", p.headline AS "liveHeadline"
    FROM article a
    LEFT JOIN published_article p ON p.article_id = a.id
    WHERE a.id IN (
      SELECT article_id FROM article_media_use WHERE media_id = ${mediaId}::uuid
      UNION SELECT article_id FROM published_article WHERE ${mediaId}::uuid = ANY (media_ids)
      UNION SELECT id FROM article WHERE lead_media_id = ${mediaId}::uuid OR audio_media_id = ${mediaId}::uuid
    )
    ORDER BY a.headline, a.id`;
}

function asUser(row: MediaUserRow): MediaUser {
  return { id: row.id, headline: row.headline, status: row.status, live: row.live };
}

/** The live stories whose snapshots show the asset. */
async function liveUsersOf(db: RawDb, mediaId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT article_id::text AS id FROM published_article WHERE ${mediaId}::uuid = ANY (media_ids) ORDER BY article_id`;
  return rows.map((row) => row.id);
}

function changedFields(before: MediaAsset, after: MediaAsset): string[] {
  const fields: string[] = EDITABLE_TEXT.filter((field) => before[field] !== after[field]);
  if (before.focalX !== after.focalX || before.focalY !== after.focalY) fields.push('focalPoint');
  if (before.isFilePhoto !== after.isFilePhoto) fields.push('isFilePhoto');
  if (before.digitalSourceType !== after.digitalSourceType) fields.push('digitalSourceType');
  if (before.rightsExpireAt?.getTime() !== after.rightsExpireAt?.getTime()) fields.push('rightsExpireAt');
  return fields;
}
