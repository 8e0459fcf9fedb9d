import type { Db } from '#database';
import { mediaRepository } from '../media/media.repository.js';
import { authorRepository } from '../taxonomy/author.repository.js';
import { publishedArticleRepository } from './published-article.repository.js';

/** What a live snapshot shows of the media library: its own assets, and its authors (their photos). */
export interface LiveMediaUse {
  mediaIds: string[];
  authorIds: string[];
}

export interface MediaUseChange {
  /** Every asset the change may make public or private (used before or after): delivery forgets what it knew of them. */
  touched: string[];
  /** Assets that nothing live shows any more: delivery stops serving them, and a CDN should purge them. */
  released: string[];
}

/**
 * How one article's change of live snapshot (publish, republish, unpublish,
 * expiry) changes which assets are public. Called inside that transaction,
 * after the snapshot row is written or deleted. The assets' rows are locked
 * (in id order) so that of two articles dropping a shared asset at once, the
 * one committing last sees the other's change and releases it.
 */
export async function mediaUseChange(db: Db, articleId: string, before: LiveMediaUse | null, after: LiveMediaUse | null): Promise<MediaUseChange> {
  const was = await shownAssets(db, before);
  const now = new Set(await shownAssets(db, after));
  const touched = [...new Set([...was, ...now])].sort();
  if (touched.length === 0) return { touched, released: [] };
  await mediaRepository.lockForRelease(db, touched);
  const dropped = was.filter((id) => !now.has(id));
  if (dropped.length === 0) return { touched, released: [] };
  const kept = await publishedArticleRepository.shownByOthers(db, articleId, dropped);
  return { touched, released: dropped.filter((id) => !kept.has(id)) };
}

async function shownAssets(db: Db, use: LiveMediaUse | null): Promise<string[]> {
  if (!use) return [];
  const photos = use.authorIds.length ? await authorRepository.photoIds(db, use.authorIds) : [];
  return [...new Set([...use.mediaIds, ...photos])];
}
