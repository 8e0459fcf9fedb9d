import { type Static, Type } from '@sinclair/typebox';
import { Component, Nullable, Obj, PageSchema, StringEnum, Timestamp, Uuid } from '#common';
import { ARTICLE_STATUSES } from '../workflow/workflow.js';

/** One article of a curated list, with its rail label. */
export const AdminCollectionItemSchema = Component(
  'AdminCollectionItem',
  Obj({
    articleId: Uuid(),
    position: Type.Integer({ minimum: 0, description: 'order in the list, from 0' }),
    label: Nullable(Type.String({ maxLength: 50, description: 'the rail label (e.g. `FEATURE`); null: none' })),
    headline: Type.String({ description: "the article's working headline" }),
    slug: Type.String(),
    status: StringEnum(ARTICLE_STATUSES),
    live: Type.Boolean({ description: 'whether delivery shows it now (it has a live revision)' }),
  }),
);
export type CollectionItemView = Static<typeof AdminCollectionItemSchema>;

/** Admin representation of a curated list; `items` show every article, live or not. */
export const CollectionSchema = Component(
  'Collection',
  Obj({
    id: Uuid(),
    slug: Type.String({ description: 'unique per locale' }),
    locale: Type.String(),
    name: Type.String(),
    description: Type.String(),
    maxItems: Nullable(Type.Integer({ minimum: 1, description: 'the longest the list may be; null: no limit' })),
    version: Type.Integer({ minimum: 1, description: 'the ETag; send it as If-Match to make a write conditional' }),
    items: Type.Array(AdminCollectionItemSchema, { description: 'in order' }),
    createdAt: Timestamp(),
    updatedAt: Timestamp(),
  }),
);
export type CollectionView = Static<typeof CollectionSchema>;

export const AdminCollectionPageSchema = Component('AdminCollectionPage', PageSchema(CollectionSchema));
