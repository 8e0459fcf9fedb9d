import type { Block } from './blocks.schema.js';

/** Where an article uses an asset. */
export type MediaRole = 'lead' | 'audio' | 'og' | 'body';

/** One place an article's content names a media asset. */
export interface MediaUse {
  id: string;
  role: MediaRole;
  /** The kind of asset the field takes. */
  kind: 'image' | 'audio';
  /** The field that names it, as a validation error gives it (`body[3].mediaId`). */
  path: string;
}

/** The fields of an article's content (or of its live snapshot) that can name media. */
export interface MediaFields {
  leadMediaId: string | null;
  audioMediaId: string | null;
  seo: { ogImageMediaId?: string | null | undefined };
  body: readonly Block[];
}

/**
 * Every use of a media asset in an article's content: the lead image, the
 * episode's audio, the share (Open Graph) image, then the body's image and
 * audio blocks in body order. An asset used twice is listed twice. The one
 * place that knows which fields name media, so that the links the media
 * library checks before deleting, the live snapshot's media, the publish
 * preconditions and the reference checks cannot disagree when a field is added.
 */
export function mediaUsedBy(content: MediaFields): MediaUse[] {
  const uses: MediaUse[] = [];
  if (content.leadMediaId) uses.push({ id: content.leadMediaId, role: 'lead', kind: 'image', path: 'leadMediaId' });
  if (content.audioMediaId) uses.push({ id: content.audioMediaId, role: 'audio', kind: 'audio', path: 'audioMediaId' });
  if (content.seo.ogImageMediaId) uses.push({ id: content.seo.ogImageMediaId, role: 'og', kind: 'image', path: 'seo.ogImageMediaId' });
  content.body.forEach((block, index) => {
    if ((block.type === 'image' || block.type === 'audio') && block.mediaId) {
      uses.push({ id: block.mediaId, role: 'body', kind: block.type, path: `body[${index}].mediaId` });
    }
  });
  return uses;
}

/** The assets an article's content uses, each once, in `mediaUsedBy`'s order. */
export function mediaIdsUsedBy(content: MediaFields): string[] {
  return [...new Set(mediaUsedBy(content).map((use) => use.id))];
}
