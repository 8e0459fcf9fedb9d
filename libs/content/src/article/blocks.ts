import { type FieldError, isUuid } from '#common';
import type { Block } from './blocks.schema.js';
import { mediaUsedBy } from './media-use.js';

export type { Block } from './blocks.schema.js';

export const BLOCK_TYPES = ['paragraph', 'heading', 'image', 'quote', 'list', 'embed', 'related', 'audio'] as const satisfies readonly Block['type'][];

export const MAX_BLOCKS = 500;
const MAX_TEXT = 20_000;
/**
 * All the text of one body, in characters (~80,000 words, far beyond any
 * story). Without it a body of 500 full blocks could be saved that no
 * read model can hold; with it, whatever can be saved can be published.
 */
export const MAX_BODY_TEXT = 500_000;
type Shape = Record<string, (value: unknown) => string | null>;

const text =
  (max = MAX_TEXT, required = true) =>
  (value: unknown): string | null => {
    if (value === undefined && !required) return null;
    if (typeof value !== 'string') return 'must be a string';
    if (required && value.trim() === '') return 'must not be empty';
    return value.length > max ? `must be at most ${max} characters` : null;
  };
const uuid = (value: unknown) => (isUuid(value) ? null : 'must be a UUID');
const httpUrl = (value: unknown) => {
  if (typeof value !== 'string' || value.length > 2000) return 'must be an http(s) URL';
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol) ? null : 'must be an http(s) URL';
  } catch {
    return 'must be an http(s) URL';
  }
};

const SHAPES: Record<(typeof BLOCK_TYPES)[number], Shape> = {
  paragraph: { text: text() },
  heading: { level: (value) => ([2, 3, 4].includes(value as number) ? null : 'must be 2, 3 or 4'), text: text(500) },
  image: { mediaId: uuid, caption: text(2000, false) },
  quote: { text: text(), attribution: text(500, false) },
  list: {
    ordered: (value) => (typeof value === 'boolean' ? null : 'must be true or false'),
    items: (value) => {
      if (!Array.isArray(value) || value.length === 0 || value.length > 200) return 'must be a list of 1 to 200 strings';
      return value.every((item) => typeof item === 'string' && item.trim() !== '' && item.length <= 5000) ? null : 'each item must be a non-empty string';
    },
  },
  embed: { url: httpUrl, provider: text(100, false) },
  related: { articleId: uuid },
  audio: { mediaId: uuid },
};

/** Validates a body; returns every problem with its path (e.g. `body[3].text`). */
export function validateBlocks(body: unknown, path = 'body'): FieldError[] {
  if (!Array.isArray(body)) return [{ path, message: 'must be a list of blocks' }];
  if (body.length > MAX_BLOCKS) return [{ path, message: `must have at most ${MAX_BLOCKS} blocks` }];
  const errors: FieldError[] = [];
  body.forEach((block, index) => {
    const at = `${path}[${index}]`;
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      errors.push({ path: at, message: 'must be an object' });
      return;
    }
    const { type, ...fields } = block as Record<string, unknown>;
    const shape = typeof type === 'string' ? SHAPES[type as keyof typeof SHAPES] : undefined;
    if (!shape) {
      errors.push({ path: `${at}.type`, message: `unknown block type; expected one of ${BLOCK_TYPES.join(', ')}` });
      return;
    }
    for (const [key, check] of Object.entries(shape)) {
      const problem = check(fields[key]);
      if (problem) errors.push({ path: `${at}.${key}`, message: problem });
    }
    for (const key of Object.keys(fields)) {
      if (!(key in shape)) errors.push({ path: `${at}.${key}`, message: 'unknown field' });
    }
  });
  const total = textLength(body);
  if (total > MAX_BODY_TEXT) errors.push({ path, message: `must hold at most ${MAX_BODY_TEXT} characters of text in all (has ${total})` });
  return errors;
}

/** Characters of text in every string a body holds (text, items, captions, attributions). */
function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textLength(item), 0);
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce((sum: number, item) => sum + textLength(item), 0);
  return 0;
}

/** Media ids a body refers to (images and audio), in body order; the body's part of `mediaUsedBy`. */
export function blockMediaIds(body: readonly Block[]): string[] {
  return mediaUsedBy({ leadMediaId: null, audioMediaId: null, seo: {}, body }).map((use) => use.id);
}

export function blockRelatedIds(body: Block[]): string[] {
  return body.flatMap((block) => (block.type === 'related' ? [block.articleId] : []));
}
