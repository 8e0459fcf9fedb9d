import type { Db } from '#database';
import { notifyContentChange } from '../publishing/content-notifications.js';

const MANY = 50;

/**
 * Tells delivery instances (on commit) that the taxonomy changed and that
 * these live articles' snapshots were rewritten; past a handful, one "all".
 */
export async function notifyTaxonomyChange(db: Db, id: string, rewrittenArticleIds: string[] = []): Promise<void> {
  await notifyContentChange(db, { kind: 'taxonomy', id });
  if (rewrittenArticleIds.length > MANY) {
    await notifyContentChange(db, { kind: 'all' });
    return;
  }
  for (const articleId of rewrittenArticleIds) await notifyContentChange(db, { kind: 'article', id: articleId });
}
