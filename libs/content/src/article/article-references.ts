import { DomainError, type FieldError } from '#common';
import type { Db } from '#database';
import type { ArticleContent } from './article.types.js';
import { articleRepository } from './article.repository.js';
import { validateBlocks } from './blocks.js';
import { mediaUsedBy } from './media-use.js';
import { mediaRepository } from '../media/media.repository.js';
import { isValidSlug } from '../shared/slug.js';
import { authorRepository } from '../taxonomy/author.repository.js';
import { sectionRepository } from '../taxonomy/section.repository.js';
import { tagRepository } from '../taxonomy/tag.repository.js';

/**
 * Checks the shape of a content and that everything it points at exists:
 * section, tags, authors, media of the right kind, related articles. Throws
 * one validation_failed listing every problem.
 */
export async function assertValidContent(db: Db, content: ArticleContent, selfId: string | null): Promise<void> {
  const errors: FieldError[] = [...validateBlocks(content.body)];
  if (!isValidSlug(content.slug)) errors.push({ path: 'slug', message: 'must be lowercase letters or digits separated by single hyphens' });
  for (const [field, value] of [
    ['embargoUntil', content.embargoUntil],
    ['publishAt', content.publishAt],
    ['expireAt', content.expireAt],
  ] as const) {
    if (value !== null && Number.isNaN(Date.parse(value))) errors.push({ path: field, message: 'must be an ISO 8601 time' });
  }
  if (content.expireAt && content.embargoUntil && Date.parse(content.expireAt) <= Date.parse(content.embargoUntil)) {
    errors.push({ path: 'expireAt', message: 'must be after embargoUntil' });
  }
  if (errors.length === 0) errors.push(...(await missingReferences(db, content, selfId)));
  if (errors.length > 0) throw DomainError.validation(errors);
}

async function missingReferences(db: Db, content: ArticleContent, selfId: string | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const media = mediaUsedBy(content);
  const related = [
    ...content.relatedArticleIds.map((id, index) => ({ id, path: `relatedArticleIds[${index}]` })),
    ...content.body.flatMap((block, index) => (block.type === 'related' ? [{ id: block.articleId, path: `body[${index}].articleId` }] : [])),
  ];
  // One query each, in turn: inside a transaction every query shares one connection.
  const section = content.sectionId ? await sectionRepository.exists(db, content.sectionId) : false;
  const tagIds = await tagRepository.existingIds(db, content.tagIds);
  const authorIds = await authorRepository.existingIds(db, content.authorIds);
  const mediaKinds = await mediaRepository.kinds(
    db,
    media.map((use) => use.id),
  );
  const articleIds = await articleRepository.existingIds(
    db,
    related.map((ref) => ref.id),
  );
  if (content.sectionId && !section) errors.push({ path: 'sectionId', message: 'no such section' });
  content.tagIds.forEach((id, index) => tagIds.has(id) || errors.push({ path: `tagIds[${index}]`, message: 'no such tag' }));
  content.authorIds.forEach((id, index) => authorIds.has(id) || errors.push({ path: `authorIds[${index}]`, message: 'no such author' }));
  for (const use of media) {
    const kind = mediaKinds.get(use.id);
    if (!kind) errors.push({ path: use.path, message: 'no such media asset' });
    else if (kind !== use.kind) errors.push({ path: use.path, message: `must be ${use.kind === 'image' ? 'an image' : 'audio'}, not ${kind}` });
  }
  for (const ref of related) {
    if (ref.id === selfId) errors.push({ path: ref.path, message: 'an article cannot point at itself' });
    else if (!articleIds.has(ref.id)) errors.push({ path: ref.path, message: 'no such article' });
  }
  return errors;
}
