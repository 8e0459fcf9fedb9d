import { type Static, Type } from '@sinclair/typebox';
import { Component, Dictionary, Nullable, Obj, PageSchema, Url, Uuid } from '#common';

const Names = () => Dictionary(Type.String(), { description: 'the name per locale code, e.g. `{ "ru": "НАТО" }`; `name` is the default' });

/** Admin representation of a tag. */
export const TagSchema = Component(
  'Tag',
  Obj({
    id: Uuid(),
    slug: Type.String({ description: 'unique; an old slug keeps answering (301) after a rename or a merge' }),
    name: Type.String(),
    description: Type.String(),
    names: Names(),
  }),
);
export type TagView = Static<typeof TagSchema>;
export const AdminTagPageSchema = Component('AdminTagPage', PageSchema(TagSchema));

/** Admin representation of a section: a node of the tree. */
export const SectionSchema = Component(
  'Section',
  Obj({
    id: Uuid(),
    slug: Type.String(),
    name: Type.String(),
    names: Names(),
    description: Type.String(),
    parentId: Nullable(Uuid({ description: 'the parent section; null at the top level' })),
    position: Type.Integer({ minimum: 0, description: 'order among siblings' }),
  }),
);
export type SectionView = Static<typeof SectionSchema>;
export const AdminSectionPageSchema = Component('AdminSectionPage', PageSchema(SectionSchema));

export const AuthorLinkSchema = Component('AuthorLink', Obj({ label: Type.String({ examples: ['Twitter'] }), url: Url() }));
export type AuthorLink = Static<typeof AuthorLinkSchema>;

/** Admin representation of a byline profile. */
export const AuthorSchema = Component(
  'Author',
  Obj({
    id: Uuid(),
    slug: Type.String(),
    name: Type.String(),
    bio: Type.String(),
    photoMediaId: Nullable(Uuid({ description: 'an image in the media library' })),
    links: Type.Array(AuthorLinkSchema),
    userId: Nullable(Uuid({ description: 'the user whose byline this is' })),
  }),
);
export type AuthorView = Static<typeof AuthorSchema>;
export const AdminAuthorPageSchema = Component('AdminAuthorPage', PageSchema(AuthorSchema));

/** A configured language. */
export const AdminLocaleSchema = Component(
  'AdminLocale',
  Obj({
    code: Type.String({ pattern: '^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$', examples: ['en', 'sr-Latn'] }),
    name: Type.String(),
    nativeName: Type.String(),
    rtl: Type.Boolean({ description: 'written right to left' }),
    isDefault: Type.Boolean({ description: 'exactly one locale is the default' }),
    searchConfig: Type.String({ description: 'the PostgreSQL text search configuration for this language' }),
    position: Type.Integer({ minimum: 0 }),
  }),
);
export type LocaleView = Static<typeof AdminLocaleSchema>;
export const AdminLocalePageSchema = Component(
  'AdminLocalePage',
  Obj({ data: Type.Array(AdminLocaleSchema), nextCursor: Type.Null({ description: 'always null: every locale is on one page' }) }),
);
