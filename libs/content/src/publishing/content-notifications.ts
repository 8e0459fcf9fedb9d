import type { Db } from '#database';
import { notificationRepository } from './notification.repository.js';

/** Channel on which delivery instances hear that live content changed. */
export const CONTENT_CHANNEL = 'dispatch_content';

export interface ContentChangeNotice {
  kind: 'article' | 'taxonomy' | 'collection' | 'media' | 'all';
  id?: string;
  /**
   * With an article notice: every asset whose live use it may have changed
   * (used before or after). Absent: any asset may have changed.
   */
  mediaIds?: string[];
}

/** NOTIFY payloads are limited to 8000 bytes: past this many ids, a notice says "any asset". */
export const MAX_NOTICE_MEDIA_IDS = 100;

/** Tells every delivery instance (on commit) to drop what it cached about this. */
export async function notifyContentChange(db: Db, notice: ContentChangeNotice): Promise<void> {
  await notificationRepository.notify(db, CONTENT_CHANNEL, JSON.stringify(notice));
}
