import { DomainError, type FieldError } from '#common';
import type { Db } from '#database';
import type { ArticleContent } from './article.types.js';
import { validateBlocks } from './blocks.js';
import { isValidSlug } from '../shared/slug.js';

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
  const blockMedia = content.body.flatMap((block, index) =>
    block.type === 'image' || block.type === 'audio' ? [{ id: block.mediaId, kind: block.type, path: `body[${index}].mediaId` }] : [],
  );
  const media = [
    ...(content.leadMediaId ? [{ id: content.leadMediaId, kind: 'image', path: 'leadMediaId' }] : []),
    ...(content.audioMediaId ? [{ id: content.audioMediaId, kind: 'audio', path: 'audioMediaId' }] : []),
    ...(content.seo.ogImageMediaId ? [{ id: content.seo.ogImageMediaId, kind: 'image', path: 'seo.ogImageMediaId' }] : []),
    ...blockMedia,
  ];
  const related = [
    ...content.relatedArticleIds.map((id, index) => ({ id, path: `relatedArticleIds[${index}]` })),
    ...content.body.flatMap((block, index) => (block.type === 'related' ? [{ id: block.articleId, path: `body[${index}].articleId` }] : [])),
  ];
  // Sequential: inside a transaction every query shares one connection.
  const section = content.sectionId ? await db.section.findUnique({ where: { id: content.sectionId }, select: { id: true } }) : null;
  const tags = await db.tag.findMany({ where: { id: { in: content.tagIds } }, select: { id: true } });
  const authors = await db.author.findMany({ where: { id: { in: content.authorIds } }, select: { id: true } });
  const assets = await db.mediaAsset.findMany({ where: { id: { in: media.map((m) => m.id) } }, select: { id: true, kind: true } });
  const articles = await db.article.findMany({ where: { id: { in: related.map((r) => r.id) } }, select: { id: true } });
  if (content.sectionId && !section) errors.push({ path: 'sectionId', message: 'no such section' });
  const tagSet = new Set(tags.map((t) => t.id));
  content.tagIds.forEach((id, index) => tagSet.has(id) || errors.push({ path: `tagIds[${index}]`, message: 'no such tag' }));
  const authorSet = new Set(authors.map((a) => a.id));
  content.authorIds.forEach((id, index) => authorSet.has(id) || errors.push({ path: `authorIds[${index}]`, message: 'no such author' }));
  const kinds = new Map(assets.map((asset) => [asset.id, asset.kind as string]));
  for (const ref of media) {
    const kind = kinds.get(ref.id);
    if (!kind) errors.push({ path: ref.path, message: 'no such media asset' });
    else if (kind !== ref.kind) errors.push({ path: ref.path, message: `must be ${ref.kind === 'image' ? 'an image' : 'audio'}, not ${kind}` });
  }
  const articleSet = new Set(articles.map((a) => a.id));
  for (const ref of related) {
    if (ref.id === selfId) errors.push({ path: ref.path, message: 'an article cannot point at itself' });
    else if (!articleSet.has(ref.id)) errors.push({ path: ref.path, message: 'no such article' });
  }
  return errors;
}
