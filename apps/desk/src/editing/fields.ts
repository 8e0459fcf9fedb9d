import type { AdminComponents } from '#client';

export type Article = AdminComponents['schemas']['Article'];

/** The fields the editor lets the user change (and saves, keeps locally and compares in a conflict). */
export const EDITABLE = ['headline', 'standfirst', 'slug', 'sectionId', 'body'] as const;
export type EditableKey = (typeof EDITABLE)[number];
export type Fields = Pick<Article, EditableKey>;

export const FIELD_LABEL: Record<EditableKey, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  slug: 'Slug',
  sectionId: 'Section',
  body: 'Body',
};

export const isEditable = (field: string): field is EditableKey => (EDITABLE as readonly string[]).includes(field);

/** Values compared as the API has them (strings, null, arrays, objects). */
export const sameValue = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const fieldsOf = (article: Fields): Fields => Object.fromEntries(EDITABLE.map((key) => [key, article[key]])) as Fields;

/** The fields whose value in `edited` is not the one in `base`. */
export const changedKeys = (base: Partial<Fields>, edited: Partial<Fields>): EditableKey[] =>
  EDITABLE.filter((key) => key in edited && !sameValue(base[key], edited[key]));

/** Just those fields of `fields` (a PATCH body, a kept draft). */
export const pick = (fields: Partial<Fields>, keys: readonly EditableKey[]): Partial<Fields> =>
  Object.fromEntries(keys.filter((key) => key in fields).map((key) => [key, fields[key]])) as Partial<Fields>;
