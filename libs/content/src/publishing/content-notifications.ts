import type { Db } from '#database';

/** Channel on which delivery instances hear that live content changed. */
export const CONTENT_CHANNEL = 'dispatch_content';

export interface ContentChangeNotice {
  kind: 'article' | 'taxonomy' | 'collection' | 'media' | 'all';
  id?: string;
}

/** Tells every delivery instance (on commit) to drop what it cached about this. */
export async function notifyContentChange(db: Db, notice: ContentChangeNotice): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${CONTENT_CHANNEL}, ${JSON.stringify(notice)})`;
}
