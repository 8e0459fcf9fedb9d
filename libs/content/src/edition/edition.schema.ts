import { Type } from '@sinclair/typebox';
import { Component, Obj, PageSchema, StringEnum, Uuid } from '#common';
import { ARTICLE_STATUSES } from '../workflow/workflow.js';

/** One language edition of a story, as the admin sees it. */
export const EditionSchema = Component(
  'Edition',
  Obj({
    id: Uuid({ description: 'the edition (an article)' }),
    locale: Type.String(),
    slug: Type.String(),
    headline: Type.String(),
    status: StringEnum(ARTICLE_STATUSES),
    live: Type.Boolean(),
  }),
);

export const EditionPageSchema = Component(
  'EditionPage',
  PageSchema(EditionSchema, {
    description: "the story's other editions, by locale; a contributor sees other people's only while live (as they are live); nextCursor is always null",
  }),
);
