import type { Article } from '../editing/fields.js';
import { formatInZone, newsroomTimeZone } from '../workflow/zoned-time.js';

export type Kind = Article['kind'];
export type Seo = Article['seo'];

/** Every kind of the Article schema's enum, named for people (a Record: a kind added to the schema fails the build until named here). */
export const KIND_LABEL: Record<Kind, string> = {
  story: 'Story',
  feature: 'Feature',
  podcast_episode: 'Podcast episode',
  video: 'Video',
  live: 'Live',
};
export const KINDS = Object.keys(KIND_LABEL) as Kind[];

/** `ids` with `id` added at the end (once). */
export const withId = (ids: readonly string[], id: string): string[] => (ids.includes(id) ? [...ids] : [...ids, id]);
/** `ids` without `id`. */
export const withoutId = (ids: readonly string[], id: string): string[] => ids.filter((each) => each !== id);
/** `ids` with `id` moved `by` places (−1: earlier), kept inside the list. */
export function movedId(ids: readonly string[], id: string, by: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const to = Math.min(ids.length - 1, Math.max(0, from + by));
  const next = withoutId(ids, id);
  next.splice(to, 0, id);
  return next;
}

/** The SEO object with one text changed; an emptied text is left out rather than sent as "" (the API's "not set"). */
export function seoWith(seo: Seo, key: 'title' | 'description', value: string): Seo {
  const next: Seo = { ...seo };
  if (value.trim()) next[key] = value;
  else delete next[key];
  return next;
}

/** How a conflict row shows one of these fields; undefined for other fields. */
export function metaSummary(field: string, value: unknown, names: (id: string) => string = (id) => id): string | undefined {
  switch (field) {
    case 'kind':
      return KIND_LABEL[value as Kind] ?? String(value);
    case 'tagIds':
    case 'authorIds':
      return Array.isArray(value) && value.length ? value.map((id) => names(String(id))).join(', ') : '(none)';
    case 'embargoUntil':
      return typeof value === 'string' ? formatInZone(value, newsroomTimeZone()) : 'No embargo';
    case 'seo': {
      const seo = (value ?? {}) as Seo;
      return [seo.title && `Title: ${seo.title}`, seo.description && `Description: ${seo.description}`].filter(Boolean).join(' · ') || '(empty)';
    }
    default:
      return undefined;
  }
}
