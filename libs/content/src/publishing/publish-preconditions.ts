import type { FieldError } from '#common';
import type { Db } from '#database';
import type { ArticleContent } from '../articles/article.types.js';
import { blockImageIds } from '../articles/blocks.js';
import { mediaPublishProblems } from '../media/media-publish.js';

/**
 * What must hold before an article goes live (or is scheduled): headline,
 * slug and section; every image used credited and within its rights; the
 * slug not live on another article in the same language. The embargo is
 * checked separately (it is a 409, not a 422).
 */
export async function publishProblems(db: Db, article: { id: string; locale: string }, content: ArticleContent, at: Date): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (!content.headline.trim()) problems.push({ path: 'headline', message: 'a headline is required' });
  if (!content.slug) problems.push({ path: 'slug', message: 'a slug is required' });
  if (!content.sectionId) problems.push({ path: 'sectionId', message: 'a section is required' });
  if (content.expireAt && Date.parse(content.expireAt) <= at.getTime()) problems.push({ path: 'expireAt', message: 'the expiry time has already passed' });

  // The media rules themselves (credited images, rights not expired, assets exist) live in media-publish.ts.
  const refs = [
    ...(content.leadMediaId ? [{ id: content.leadMediaId, path: 'leadMediaId' }] : []),
    ...(content.seo.ogImageMediaId ? [{ id: content.seo.ogImageMediaId, path: 'seo.ogImageMediaId' }] : []),
    ...blockImageIds(content.body).map((id) => ({ id, path: `body[${content.body.findIndex((b) => b.type === 'image' && b.mediaId === id)}].mediaId` })),
    ...(content.audioMediaId ? [{ id: content.audioMediaId, path: 'audioMediaId' }] : []),
  ];
  const assets = await db.mediaAsset.findMany({
    where: { id: { in: refs.map((ref) => ref.id) } },
    select: { id: true, kind: true, credit: true, creator: true, rightsExpireAt: true },
  });
  for (const problem of mediaPublishProblems(
    refs.map((ref) => ref.id),
    assets,
    at,
  )) {
    problems.push({ path: refs.find((ref) => ref.id === problem.mediaId)!.path, message: problem.message });
  }
  if (content.slug) {
    const clash = await db.publishedArticle.findFirst({
      where: { slug: content.slug, locale: article.locale, articleId: { not: article.id } },
      select: { articleId: true },
    });
    if (clash) problems.push({ path: 'slug', message: 'another live article in this language uses this slug' });
  }
  return problems;
}
