import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { type Actor, DomainError, isUuid, type Page } from '#common';
import { emitEvent, type MediaAsset, type Prisma, PrismaService, recordAudit } from '#database';
import { listingVisibility, MEDIA_POLICY } from '../policy/access-policy.js';
import { enforce } from '../policy/policy-enforcement.js';
import { notifyContentChange } from '../publishing/content-notifications.js';
import { surrogateKey } from '../publishing/public-urls.js';
import type { MediaMetadataInput } from './media-ingest.service.js';
import { toMediaView, type MediaView } from './media.mapper.js';
import type { MediaUserSchema } from './media.schema.js';
import { type MediaPublishProblem, mediaPublishProblems } from './media-publish.js';
import { type MediaListQuery, mediaRepository, type MediaUserRow } from './media.repository.js';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage.js';

/** An article that uses an asset (why it cannot be deleted). */
export type MediaUser = Static<typeof MediaUserSchema>;

const EDITABLE_TEXT = ['caption', 'credit', 'creator', 'copyrightNotice', 'usageTerms', 'altText'] as const;

export type { MediaListQuery };

/** The library: browse, correct metadata, delete unused assets. */
@Injectable()
export class MediaLibraryService {
  private readonly logger = new Logger(MediaLibraryService.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  async list(query: MediaListQuery): Promise<Page<MediaView>> {
    return mediaRepository.page(this.prisma, query);
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
      const before = await mediaRepository.find(tx, id);
      if (!before) throw DomainError.notFound('Media');
      const liveArticleIds = await mediaRepository.liveUsers(tx, id);
      enforce(MEDIA_POLICY.edit(actor, before, liveArticleIds.length > 0));
      const data: Prisma.MediaAssetUpdateInput = {};
      for (const field of EDITABLE_TEXT) if (input[field] !== undefined) data[field] = input[field];
      if (input.focalPoint !== undefined) Object.assign(data, { focalX: input.focalPoint.x, focalY: input.focalPoint.y });
      if (input.isFilePhoto !== undefined) data.isFilePhoto = input.isFilePhoto;
      if (input.digitalSourceType !== undefined) data.digitalSourceType = input.digitalSourceType;
      if (input.rightsExpireAt !== undefined) data.rightsExpireAt = input.rightsExpireAt;
      const after = await mediaRepository.update(tx, id, data);
      const changed = changedFields(before, after);
      const stale = changed.includes('focalPoint') ? await mediaRepository.dropCroppedRenditions(tx, id) : [];
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
      if (!(await mediaRepository.lock(tx, id))) throw DomainError.notFound('Media');
      const users = (await mediaRepository.users(tx, id)).map(asUser);
      if (users.length > 0) {
        throw new DomainError('in_use', `The media is used by ${users.length} article(s); remove it from them first`, { extensions: { articles: users } });
      }
      const renditions = await mediaRepository.renditionKeys(tx, id);
      const deleted = await mediaRepository.delete(tx, id);
      await recordAudit(tx, actor, { action: 'media.deleted', entityType: 'media', entityId: id, data: { sha256: deleted.sha256, mime: deleted.mime } });
      return [deleted.storageKey, ...renditions];
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
    return (await mediaRepository.users(this.prisma, id)).flatMap((row): MediaUser[] => {
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
    const assets = uuids.length ? await mediaRepository.publishFacts(this.prisma, uuids) : [];
    return mediaPublishProblems(unique, assets, at);
  }

  private async find(id: string): Promise<MediaAsset> {
    const asset = await mediaRepository.find(this.prisma, id);
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

function asUser(row: MediaUserRow): MediaUser {
  return { id: row.id, headline: row.headline, status: row.status, live: row.live };
}

function changedFields(before: MediaAsset, after: MediaAsset): string[] {
  const fields: string[] = EDITABLE_TEXT.filter((field) => before[field] !== after[field]);
  if (before.focalX !== after.focalX || before.focalY !== after.focalY) fields.push('focalPoint');
  if (before.isFilePhoto !== after.isFilePhoto) fields.push('isFilePhoto');
  if (before.digitalSourceType !== after.digitalSourceType) fields.push('digitalSourceType');
  if (before.rightsExpireAt?.getTime() !== after.rightsExpireAt?.getTime()) fields.push('rightsExpireAt');
  return fields;
}
