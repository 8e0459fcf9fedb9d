import type { FieldError } from '#common';
import type { Db } from '#database';
import type { ArticleContent } from '../article/article.types.js';
import { type MediaRole, mediaUsedBy } from '../article/media-use.js';
import { mediaPublishProblems } from '../media/media-publish.js';
import { mediaRepository } from '../media/media.repository.js';
import { publishedArticleRepository } from './published-article.repository.js';

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
  const refs = mediaUsedBy(content)
    .filter((use) => use.role !== 'body' || use.kind === 'image')
    .sort((a, b) => PROBLEM_ORDER[a.role] - PROBLEM_ORDER[b.role]);
  const assets = await mediaRepository.publishFacts(
    db,
    refs.map((ref) => ref.id),
  );
  for (const problem of mediaPublishProblems(
    refs.map((ref) => ref.id),
    assets,
    at,
  )) {
    problems.push({ path: refs.find((ref) => ref.id === problem.mediaId)!.path, message: problem.message });
  }
  if (content.slug && (await publishedArticleRepository.slugLiveElsewhere(db, content.slug, article.locale, article.id))) {
    problems.push({ path: 'slug', message: 'another live article in this language uses this slug' });
  }
  return problems;
}

/**
 * The order media problems are listed in (lead, share image, body, audio), as
 * it always was. Audio blocks are left out: only the audio field was ever checked.
 */
const PROBLEM_ORDER: Record<MediaRole, number> = { lead: 0, og: 1, body: 2, audio: 3 };
