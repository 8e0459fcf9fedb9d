import type { Static } from '@sinclair/typebox';
import type { Page } from '#common';
import { type Db, keysetPage, type MediaAsset, newestFirst, Prisma, type Sql } from '#database';
import { toMediaView, type MediaView } from './media.mapper.js';
import type { PublishableMedia } from './media-publish.js';
import type { MediaUserSchema } from './media.schema.js';
import type { MediaKindName } from './media-type.js';

export interface MediaListQuery {
  limit: number;
  cursor?: string;
  /** Searches caption, credit and creator. */
  q?: string;
  kind?: MediaKindName;
  /** Only assets with neither credit nor creator. */
  missingCredit?: boolean;
}

/** An article that uses an asset, as the database has it, before the caller's visibility is applied. */
export type MediaUserRow = Static<typeof MediaUserSchema> & {
  createdById: string | null;
  /** The live revision's headline, when live. */
  liveHeadline: string | null;
};

/** A stored rendition as the table has it. */
export interface RenditionRow {
  storage_key: string;
  bytes: number;
  etag: string;
}

/** A new rendition's row. */
export interface NewRendition {
  mediaId: string;
  width: number;
  height: number | undefined;
  format: string;
  aspect: string;
  storageKey: string;
  bytes: number;
  etag: string;
}

const SEARCHED = ['caption', 'credit', 'creator'] as const;

/** Media assets, their renditions, and which articles use them. */
export const mediaRepository = {
  /** The library, newest first. */
  async page(db: Db, query: MediaListQuery): Promise<Page<MediaView>> {
    const q = query.q?.trim();
    return keysetPage<MediaAsset, MediaView, Prisma.MediaAssetWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: newestFirst('createdAt', (row) => row.createdAt),
      filters: [
        query.kind && { kind: query.kind },
        query.missingCredit === true && { credit: '', creator: '' },
        query.missingCredit === false && { OR: [{ credit: { not: '' } }, { creator: { not: '' } }] },
        !!q && { OR: SEARCHED.map((field) => ({ [field]: { contains: q, mode: 'insensitive' as const } })) },
      ],
      find: (args) => db.mediaAsset.findMany(args),
      map: toMediaView,
    });
  },

  async find(db: Db, id: string): Promise<MediaAsset | null> {
    return db.mediaAsset.findUnique({ where: { id } });
  },

  async findBySha256(db: Db, sha256: string): Promise<MediaAsset | null> {
    return db.mediaAsset.findUnique({ where: { sha256 } });
  },

  /** The facts the publish preconditions check (media-publish.ts), for the given uuids. */
  async publishFacts(db: Db, ids: readonly string[]): Promise<PublishableMedia[]> {
    return db.mediaAsset.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, kind: true, credit: true, creator: true, rightsExpireAt: true },
    });
  },

  /** The asset's kind, or null when there is no such asset. */
  async kind(db: Db, id: string): Promise<MediaKindName | null> {
    const asset = await db.mediaAsset.findUnique({ where: { id }, select: { kind: true } });
    return asset?.kind ?? null;
  },

  /** The kind of each of `ids` that is an asset. */
  async kinds(db: Db, ids: string[]): Promise<Map<string, MediaKindName>> {
    const assets = await db.mediaAsset.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true } });
    return new Map(assets.map((asset) => [asset.id, asset.kind]));
  },

  /**
   * Locks the assets' rows in id order, for a change of what live snapshots
   * show. FOR NO KEY UPDATE: serialises with other publishes of these assets,
   * not with drafts referring to them (KEY SHARE).
   */
  async lockForRelease(db: Db, ids: string[]): Promise<void> {
    await db.$queryRaw`SELECT id FROM media_asset WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
  },

  async create(db: Db, data: Prisma.MediaAssetUncheckedCreateInput): Promise<MediaAsset> {
    return db.mediaAsset.create({ data });
  },

  async update(db: Db, id: string, data: Prisma.MediaAssetUpdateInput): Promise<MediaAsset> {
    return db.mediaAsset.update({ where: { id }, data });
  },

  /** Locks the asset's row until the transaction ends (serialises with saves that start using it); false when there is none. */
  async lock(db: Db, id: string): Promise<boolean> {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM media_asset WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length > 0;
  },

  /** Deletes the asset (its renditions' rows go with it); returns the deleted row. */
  async delete(db: Db, id: string): Promise<MediaAsset> {
    return db.mediaAsset.delete({ where: { id } });
  },

  /** Storage keys of the asset's renditions. */
  async renditionKeys(db: Db, mediaId: string): Promise<string[]> {
    const rows = await db.mediaRendition.findMany({ where: { mediaId }, select: { storageKey: true } });
    return rows.map((row) => row.storageKey);
  },

  /** Drops the renditions cropped around the focal point; returns their storage keys. */
  async dropCroppedRenditions(db: Db, mediaId: string): Promise<string[]> {
    const cropped = await db.mediaRendition.findMany({ where: { mediaId, aspect: { not: '' } }, select: { storageKey: true } });
    await db.mediaRendition.deleteMany({ where: { mediaId, aspect: { not: '' } } });
    return cropped.map((rendition) => rendition.storageKey);
  },

  /** Articles (working copies or live snapshots) that use the asset, by headline. */
  async users(db: Db, mediaId: string): Promise<MediaUserRow[]> {
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
  },

  /** The live stories whose snapshots show the asset. */
  async liveUsers(db: Db, mediaId: string): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT article_id::text AS id FROM published_article WHERE ${mediaId}::uuid = ANY (media_ids) ORDER BY article_id`;
    return rows.map((row) => row.id);
  },

  async findRendition(sql: Sql, mediaId: string, width: number, format: string, aspect: string): Promise<RenditionRow | undefined> {
    const result = await sql.query<RenditionRow>(
      'SELECT storage_key, bytes, etag FROM media_rendition WHERE media_id = $1 AND width = $2 AND format = $3 AND aspect = $4',
      [mediaId, width, format, aspect],
    );
    return result.rows[0];
  },

  /** Records a rendition made (again, when a concurrent maker lost its row). */
  async saveRendition(sql: Sql, rendition: NewRendition): Promise<void> {
    await sql.query(
      `INSERT INTO media_rendition (id, media_id, width, height, format, aspect, storage_key, bytes, etag)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (media_id, width, format, aspect) DO UPDATE SET storage_key = EXCLUDED.storage_key, bytes = EXCLUDED.bytes, etag = EXCLUDED.etag, height = EXCLUDED.height`,
      [rendition.mediaId, rendition.width, rendition.height, rendition.format, rendition.aspect, rendition.storageKey, rendition.bytes, rendition.etag],
    );
  },

  /** Holds a session advisory lock on `key` (one maker per rendition across processes); waits for it. */
  async lockRendering(sql: Sql, key: string): Promise<void> {
    await sql.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
  },

  async unlockRendering(sql: Sql, key: string): Promise<void> {
    await sql.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  },
};
