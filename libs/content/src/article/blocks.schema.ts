import { type Static, Type } from '@sinclair/typebox';
import { Component, Obj, TaggedUnion, Uuid } from '#common';

/**
 * The body blocks an article is written in, as the admin API takes and
 * returns them (one schema for both directions). validateBlocks enforces
 * the same limits; these schemas are what the OpenAPI documents and the
 * TypeScript type are made of.
 */

const MARKS =
  'Inline marks: `**bold**`, `_italic_` and `[text](http(s) URL)`; nothing else is markup (no HTML, no nesting of links). Stored and returned as written.';

/** Text that must hold something besides whitespace. */
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

export const ParagraphBlockSchema = Component('ParagraphBlock', Obj({ type: Type.Literal('paragraph'), text: Text(20_000, MARKS) }));

export const HeadingBlockSchema = Component(
  'HeadingBlock',
  Obj({
    type: Type.Literal('heading'),
    level: Type.Unsafe<2 | 3 | 4>({ type: 'integer', enum: [2, 3, 4], description: 'h2–h4 (the headline is the h1)' }),
    text: Text(500),
  }),
);

export const ImageBlockSchema = Component(
  'ImageBlock',
  Obj({
    type: Type.Literal('image'),
    mediaId: Uuid({ description: 'an image in the media library; its credit is a publish precondition' }),
    caption: Type.Optional(Type.String({ maxLength: 2000, description: "overrides the asset's caption where shown; absent: the asset's caption" })),
  }),
);

export const QuoteBlockSchema = Component(
  'QuoteBlock',
  Obj({
    type: Type.Literal('quote'),
    text: Text(20_000, MARKS),
    attribution: Type.Optional(Type.String({ maxLength: 500 })),
  }),
);

export const ListBlockSchema = Component(
  'ListBlock',
  Obj({
    type: Type.Literal('list'),
    ordered: Type.Boolean(),
    items: Type.Array(Text(5000, MARKS), { minItems: 1, maxItems: 200 }),
  }),
);

export const EmbedBlockSchema = Component(
  'EmbedBlock',
  Obj({
    type: Type.Literal('embed'),
    url: Type.String({ maxLength: 2000, description: 'an http or https URL (as the WHATWG URL parser reads it)' }),
    provider: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. youtube, x, instagram' })),
  }),
);

export const RelatedBlockSchema = Component(
  'RelatedBlock',
  Obj({ type: Type.Literal('related'), articleId: Uuid({ description: 'the "Read more" card: another article' }) }),
);

export const AudioBlockSchema = Component('AudioBlock', Obj({ type: Type.Literal('audio'), mediaId: Uuid({ description: 'an audio asset' }) }));

/** One body block, told apart by `type`; unknown types are refused (400 validation_failed). */
export const BlockSchema = Component(
  'Block',
  TaggedUnion('type', [
    ParagraphBlockSchema,
    HeadingBlockSchema,
    ImageBlockSchema,
    QuoteBlockSchema,
    ListBlockSchema,
    EmbedBlockSchema,
    RelatedBlockSchema,
    AudioBlockSchema,
  ]),
);

/** Structured body blocks (API.md). */
export type Block = Static<typeof BlockSchema>;
