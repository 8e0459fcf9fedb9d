import { Type } from '@sinclair/typebox';
import { Component, Nullable, Obj, PageSchema, StringEnum, Timestamp, Uuid } from '#common';
import { ArticleContentSchema } from './article.schema.js';
import { CONTENT_FIELDS } from './article.types.js';

const ContentField = StringEnum(CONTENT_FIELDS, { description: 'a field of ArticleContent' });

const summaryProperties = {
  number: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp(),
  createdBy: Nullable(Uuid({ description: 'the user who saved it; null for the system (e.g. an import)' })),
  summary: Type.String({ examples: ['edited headline, body'] }),
  changedFields: Type.Array(ContentField, { description: 'what this revision changed from the one before; empty for the first' }),
  live: Type.Boolean({ description: 'this is the revision the public sees' }),
};

/** One saved revision, as the history lists it. */
export const RevisionSummarySchema = Component('RevisionSummary', Obj(summaryProperties, { description: 'an immutable saved revision' }));

/** One revision with the full content it kept. */
export const RevisionSchema = Component('Revision', Obj({ ...summaryProperties, content: ArticleContentSchema }));

export const RevisionPageSchema = Component('RevisionPage', PageSchema(RevisionSummarySchema, { description: 'newest first; one page holds them all' }));

export const FieldChangeSchema = Component(
  'FieldChange',
  Obj({
    field: ContentField,
    from: Type.Unknown({ description: "the field's value in `from` (as ArticleContent has it), null where absent" }),
    to: Type.Unknown({ description: "the field's value in `to`" }),
  }),
);

export const RevisionComparisonSchema = Component(
  'RevisionComparison',
  Obj({
    from: Type.Integer({ minimum: 1 }),
    to: Type.Integer({ minimum: 1 }),
    changes: Type.Array(FieldChangeSchema, { description: 'only the fields that differ' }),
  }),
);
