import { isCredited } from './credit-line.js';

/** What publishing needs to know about each asset an article uses. */
export interface PublishableMedia {
  id: string;
  kind: 'image' | 'audio' | 'video';
  credit: string;
  creator: string;
  rightsExpireAt: Date | null;
}

/** One reason an article cannot go live because of its media. */
export interface MediaPublishProblem {
  mediaId: string;
  code: 'media_missing' | 'image_uncredited' | 'rights_expired';
  message: string;
}

/**
 * The media preconditions of publish/schedule (DESIGN.md): every image used
 * is credited (agency or creator), no asset's rights have expired by `at`
 * (the publish time: now, or publishAt when scheduling), and every id refers
 * to an existing asset. `ids` are the article's media ids in order; the
 * result lists each problem once per asset.
 */
export function mediaPublishProblems(ids: readonly string[], assets: readonly PublishableMedia[], at: Date = new Date()): MediaPublishProblem[] {
  const byId = new Map(assets.map((asset) => [asset.id, asset]));
  const problems: MediaPublishProblem[] = [];
  for (const id of new Set(ids)) {
    const asset = byId.get(id);
    if (!asset) {
      problems.push({ mediaId: id, code: 'media_missing', message: `media ${id} does not exist` });
      continue;
    }
    if (asset.kind === 'image' && !isCredited(asset)) {
      problems.push({ mediaId: id, code: 'image_uncredited', message: `image ${id} has no credit (agency or photographer)` });
    }
    if (asset.rightsExpireAt && asset.rightsExpireAt.getTime() <= at.getTime()) {
      problems.push({ mediaId: id, code: 'rights_expired', message: `the rights to media ${id} expired at ${asset.rightsExpireAt.toISOString()}` });
    }
  }
  return problems;
}

/** True while an asset may be shown to the public (its rights have not expired). */
export function isServable(asset: { rightsExpireAt: Date | null }, now: Date = new Date()): boolean {
  return !asset.rightsExpireAt || asset.rightsExpireAt.getTime() > now.getTime();
}

const YEAR_SECONDS = 31_536_000;

/** Seconds a cache may keep the asset's bytes: a year, or less when its rights expire sooner (0 once they have). */
export function cacheSeconds(asset: { rightsExpireAt: Date | null }, now: Date = new Date()): number {
  const untilExpiry = asset.rightsExpireAt ? Math.floor((asset.rightsExpireAt.getTime() - now.getTime()) / 1000) : YEAR_SECONDS;
  return Math.max(0, Math.min(YEAR_SECONDS, untilExpiry));
}
