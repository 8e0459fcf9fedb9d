import type { AdminComponents } from '#client';

export type Article = AdminComponents['schemas']['Article'];

/** The fields the editor lets the user change (and saves, keeps locally and compares in a conflict). */
export const EDITABLE = ['headline', 'standfirst', 'slug', 'sectionId', 'kind', 'leadMediaId', 'tagIds', 'authorIds', 'embargoUntil', 'seo', 'body'] as const;
export type EditableKey = (typeof EDITABLE)[number];
export type Fields = Pick<Article, EditableKey>;

export const FIELD_LABEL: Record<EditableKey, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  slug: 'Slug',
  sectionId: 'Section',
  kind: 'Kind',
  tagIds: 'Tags',
  authorIds: 'Authors',
  embargoUntil: 'Embargo until',
  seo: 'SEO',
  body: 'Body',
  leadMediaId: 'Lead image',
};

export const isEditable = (field: string): field is EditableKey => (EDITABLE as readonly string[]).includes(field);

/** Values compared as the API has them (strings, null, arrays, objects), whatever order an object's keys come in (the body editor and the API write a block's keys in different orders). */
export const sameValue = (a: unknown, b: unknown): boolean => a === b || canonical(a ?? null) === canonical(b ?? null);

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}

export const fieldsOf = (article: Fields): Fields => Object.fromEntries(EDITABLE.map((key) => [key, article[key]])) as Fields;

/** The fields whose value in `edited` is not the one in `base`. */
export const changedKeys = (base: Partial<Fields>, edited: Partial<Fields>): EditableKey[] =>
  EDITABLE.filter((key) => key in edited && !sameValue(base[key], edited[key]));

/** Just those fields of `fields` (a PATCH body, a kept draft). */
export const pick = (fields: Partial<Fields>, keys: readonly EditableKey[]): Partial<Fields> =>
  Object.fromEntries(keys.filter((key) => key in fields).map((key) => [key, fields[key]])) as Partial<Fields>;

/**
 * The fields after the server's copy moved from `was` to `now` underneath the
 * editor (someone else's save, a workflow move, a reload): a field the user
 * has not touched since `was` follows the server; a field they changed keeps
 * their text (a clash with the other change surfaces when they save: 412).
 */
export const rebased = (was: Fields, now: Fields, edited: Fields): Fields =>
  Object.fromEntries(EDITABLE.map((key) => [key, sameValue(edited[key], was[key]) ? now[key] : edited[key]])) as Fields;
