import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Component, Dictionary, Nullable, Obj, PageSchema, StringEnum, TaggedUnion, Timestamp, Url, Uuid } from '#common';

/**
 * The delivery API's representations as JSON Schema (API.md): the
 * TypeScript types in delivery.types.ts are `Static` of these, and the
 * OpenAPI document is built from them, so code and contract cannot drift.
 */

const Integer = (options: { description?: string; minimum?: number } = {}) => Type.Integer(options);
const Text = (description: string) => Type.String({ description });

export const RENDITION_FORMAT_VALUES = ['webp', 'avif', 'jpeg'] as const;
export const ARTICLE_KIND_VALUES = ['story', 'feature', 'podcast_episode', 'video', 'live'] as const;

export const RenditionSchema = Component(
  'Rendition',
  Obj(
    {
      width: Integer({ minimum: 1, description: 'pixels; the file at `url` is exactly this wide' }),
      height: Integer({ minimum: 1, description: 'pixels; the file at `url` is exactly this high' }),
      format: StringEnum(RENDITION_FORMAT_VALUES),
      url: Url(),
    },
    { description: 'One file of the ladder: immutable, cached for as long as its rights and live use allow.' },
  ),
);

export const ImageSourceSchema = Component(
  'ImageSource',
  Obj(
    {
      format: StringEnum(RENDITION_FORMAT_VALUES),
      type: StringEnum(['image/avif', 'image/webp', 'image/jpeg'], { description: 'for `<source type>`' }),
      srcset: Text('the ladder of this format as an HTML `srcset` value (`<url> <width>w, …`), narrowest first'),
    },
    { description: 'The ladder of one format, ready for `<picture><source type srcset>`; JPEG (every browser) comes last.' },
  ),
);

export const ImageSchema = Component(
  'Image',
  Obj(
    {
      id: Uuid(),
      url: Url({ description: 'the largest JPEG rendition: what `width` and `height` describe (og:image, a plain `<img src>`)' }),
      width: Nullable(
        Integer({ minimum: 1, description: 'pixels of the file at `url`; null only when the stored image has no known size (then there are no renditions)' }),
      ),
      height: Nullable(Integer({ minimum: 1, description: 'pixels of the file at `url`' })),
      alt: Type.String(),
      caption: Text("the asset's own caption; an image block's `caption`, when present, overrides it (see PublicImageBlock)"),
      credit: Type.String(),
      creator: Type.String(),
      copyrightNotice: Type.String(),
      creditLine: Text('the display form of credit and creator, e.g. "© AP Photo / Bojan Slavkovic"'),
      isFilePhoto: Type.Boolean(),
      focalPoint: Obj({ x: Type.Number({ minimum: 0, maximum: 1 }), y: Type.Number({ minimum: 0, maximum: 1 }) }),
      renditions: Type.Array(RenditionSchema, {
        description:
          "every width of the ladder (320, 640, 960, 1280, 1920, 2560 below the original, then the original's width up to 2560) in every format; cards in lists carry WebP and JPEG up to 960 px",
      }),
      sources: Type.Array(ImageSourceSchema, { description: 'the same renditions grouped by format, best compression first' }),
    },
    { description: 'An image as delivered: the URL and size of its largest JPEG, the full ladder, credit and caption.' },
  ),
);

export const AudioSchema = Component(
  'Audio',
  Obj(
    {
      id: Uuid(),
      url: Url({ description: 'the file as uploaded; answers Range requests (206)' }),
      mime: Type.String(),
      bytes: Integer({ minimum: 0 }),
      durationSeconds: Nullable(Type.Number({ minimum: 0 })),
      caption: Type.String(),
      credit: Type.String(),
      creditLine: Type.String(),
    },
    { description: 'An audio file (a podcast episode, an audio block).' },
  ),
);

export const SectionRefSchema = Component('SectionRef', Obj({ slug: Type.String(), name: Text('in the article’s (or requested) language') }));
export const TagRefSchema = Component('TagRef', Obj({ slug: Type.String(), name: Type.String() }));
export const AuthorRefSchema = Component('AuthorRef', Obj({ slug: Type.String(), name: Type.String() }));

export const ArticleSummarySchema = Component(
  'ArticleSummary',
  Obj(
    {
      id: Uuid(),
      slug: Type.String(),
      locale: Type.String(),
      kind: StringEnum(ARTICLE_KIND_VALUES),
      headline: Type.String(),
      standfirst: Type.String(),
      section: Nullable(SectionRefSchema),
      tags: Type.Array(TagRefSchema),
      authors: Type.Array(AuthorRefSchema),
      leadImage: Nullable(ImageSchema),
      publishedAt: Timestamp(),
      updatedAt: Timestamp(),
      url: Url({ description: 'the public page (SITE_BASE_URL + ARTICLE_URL_PATTERN)' }),
      episode: Type.Optional(
        Obj({ number: Nullable(Integer()), audio: Nullable(AudioSchema) }, { description: 'podcast episodes only: the episode number and its audio' }),
      ),
    },
    { description: 'An article in a list or card.' },
  ),
);

const MARK_GRAMMAR =
  'Inline marks of the stored text: `**bold**`, `_italic_` (between spaces, brackets or punctuation) and `[label](http(s) url)`; a link label may be bold or italic, bold may hold italic; anything else is literal text. `spans` is the same text already parsed: render spans in order and never parse `text` yourself.';

export const TextSpanSchema = Component(
  'TextSpan',
  Obj(
    {
      text: Text('literal text (no mark syntax left in it)'),
      marks: Type.Optional(Type.Array(StringEnum(['bold', 'italic']), { description: 'absent for plain text' })),
      href: Type.Optional(Url({ description: 'present when the span is (part of) a link label' })),
    },
    { description: `A run of text with the same marks. ${MARK_GRAMMAR}` },
  ),
);

const Spans = Type.Array(TextSpanSchema, { description: MARK_GRAMMAR });

export const ParagraphBlockSchema = Component('PublicParagraphBlock', Obj({ type: Type.Literal('paragraph'), text: Text(MARK_GRAMMAR), spans: Spans }));
export const HeadingBlockSchema = Component(
  'PublicHeadingBlock',
  Obj({ type: Type.Literal('heading'), level: Type.Union([Type.Literal(2), Type.Literal(3), Type.Literal(4)]), text: Text(MARK_GRAMMAR), spans: Spans }),
);
export const ImageBlockSchema = Component(
  'PublicImageBlock',
  Obj(
    {
      type: Type.Literal('image'),
      image: ImageSchema,
      caption: Type.Optional(Text("this use's caption: when present it overrides `image.caption`; otherwise show `image.caption`")),
    },
    { description: "Caption rule: the block's `caption` when present, else the image's own `caption`; the credit is always `image.creditLine`." },
  ),
);
export const QuoteBlockSchema = Component(
  'PublicQuoteBlock',
  Obj({ type: Type.Literal('quote'), text: Text(MARK_GRAMMAR), spans: Spans, attribution: Type.Optional(Text('plain text (no marks)')) }),
);
export const ListBlockSchema = Component(
  'PublicListBlock',
  Obj({
    type: Type.Literal('list'),
    ordered: Type.Boolean(),
    items: Type.Array(Text(MARK_GRAMMAR), { minItems: 1 }),
    itemSpans: Type.Array(Spans, { description: 'the spans of each item, in the order of `items`' }),
  }),
);
export const EmbedBlockSchema = Component('PublicEmbedBlock', Obj({ type: Type.Literal('embed'), url: Url(), provider: Type.Optional(Type.String()) }));
export const RelatedBlockSchema = Component(
  'PublicRelatedBlock',
  Obj(
    { type: Type.Literal('related'), article: ArticleSummarySchema },
    { description: 'A "Read more" card: only to a live article (otherwise the block is left out).' },
  ),
);
export const AudioBlockSchema = Component('PublicAudioBlock', Obj({ type: Type.Literal('audio'), audio: AudioSchema }));

export const PublicBlockSchema = TaggedUnion(
  'type',
  [ParagraphBlockSchema, HeadingBlockSchema, ImageBlockSchema, QuoteBlockSchema, ListBlockSchema, EmbedBlockSchema, RelatedBlockSchema, AudioBlockSchema],
  { description: 'A body block as delivered: references resolved; blocks whose media or article is not live are left out.' },
);

const JsonLdPerson = Obj({
  '@type': Type.Literal('Person'),
  name: Type.String(),
  url: Type.Optional(Url({ description: 'the byline page: SITE_BASE_URL/authors/{slug}' })),
});
const JsonLdOrganization = Obj({
  '@type': Type.Literal('Organization'),
  name: Type.String(),
  url: Url({ description: 'SITE_BASE_URL' }),
  logo: Type.Optional(Obj({ '@type': Type.Literal('ImageObject'), url: Url({ description: 'PUBLISHER_LOGO_URL' }) })),
});
export const JsonLdImageSchema = Component(
  'JsonLdImage',
  Obj({
    '@type': Type.Literal('ImageObject'),
    url: Url({ description: 'a rendition cropped to 16:9, 4:3 or 1:1 around the focal point (served by the rendition route)' }),
    width: Integer({ minimum: 1, description: 'of the file at `url`' }),
    height: Integer({ minimum: 1, description: 'of the file at `url`' }),
    caption: Type.String(),
    creditText: Type.String(),
    creator: Type.Optional(Obj({ '@type': Type.Literal('Person'), name: Type.String() })),
    copyrightNotice: Type.Optional(Type.String()),
  }),
);

export const JsonLdSchema = Component(
  'JsonLd',
  Obj(
    {
      '@context': Type.Literal('https://schema.org'),
      '@type': StringEnum(['NewsArticle', 'PodcastEpisode']),
      mainEntityOfPage: Obj({ '@type': Type.Literal('WebPage'), '@id': Url() }),
      url: Url(),
      headline: Type.String({ maxLength: 110 }),
      name: Type.Optional(Text('PodcastEpisode: the headline')),
      description: Type.String(),
      image: Type.Optional(Type.Array(JsonLdImageSchema, { description: 'the og image (or lead image) in 16:9, 4:3 and 1:1, as Google asks' })),
      datePublished: Timestamp(),
      dateModified: Timestamp(),
      author: Type.Array(Type.Union([JsonLdPerson, JsonLdOrganization])),
      publisher: JsonLdOrganization,
      inLanguage: Type.String(),
      articleSection: Type.Optional(Type.String()),
      keywords: Type.Optional(Type.String()),
      episodeNumber: Type.Optional(Integer()),
      associatedMedia: Type.Optional(
        Obj(
          {
            '@type': Type.Literal('AudioObject'),
            contentUrl: Url(),
            encodingFormat: Type.String(),
            contentSize: Type.Optional(Type.String()),
            duration: Type.Optional(Type.String({ description: 'ISO 8601, e.g. PT29M13S' })),
          },
          { description: 'PodcastEpisode: its audio' },
        ),
      ),
    },
    { description: 'schema.org NewsArticle (a podcast episode: PodcastEpisode) for the page’s JSON-LD script element (type application/ld+json).' },
  ),
);

export const TranslationLinkSchema = Component(
  'TranslationLink',
  Obj({
    locale: Type.String(),
    slug: Type.String(),
    url: Url({ description: 'the public page of that edition' }),
    rtl: Type.Boolean(),
  }),
);

export const OgImageSchema = Component(
  'OgImage',
  Obj(
    {
      url: Url(),
      width: Nullable(Integer({ minimum: 1, description: 'of the file at `url`' })),
      height: Nullable(Integer({ minimum: 1, description: 'of the file at `url`' })),
      alt: Type.String(),
    },
    { description: 'What og:image needs (width and height describe the file at `url`).' },
  ),
);

const FULL_ARTICLE_FIELDS = {
  ...ArticleSummarySchema.properties,
  body: Type.Array(PublicBlockSchema),
  related: Type.Array(ArticleSummarySchema, { description: 'related articles that are live, in order' }),
  corrections: Type.Array(Obj({ text: Type.String(), at: Timestamp() })),
  translations: Type.Array(TranslationLinkSchema, { description: 'the other live language editions' }),
  alternates: Type.Array(Obj({ hreflang: Type.String(), href: Url() }), { description: 'hreflang links: this edition first, then its translations' }),
  rtl: Type.Boolean(),
  breadcrumb: Type.Array(SectionRefSchema, { description: 'from the top section down to the article’s' }),
  seo: Obj({ title: Type.String(), description: Type.String(), canonicalUrl: Url(), ogImage: Nullable(OgImageSchema) }),
  jsonLd: JsonLdSchema,
};

export const FullArticleSchema = Component('FullArticle', Obj(FULL_ARTICLE_FIELDS, { description: 'One live article, its body references resolved.' }));

export const PreviewArticleSchema = Component(
  'PreviewArticle',
  Obj(
    {
      ...FULL_ARTICLE_FIELDS,
      preview: Obj({ status: Type.String({ description: 'the working copy’s workflow status' }), revision: Integer() }),
    },
    { description: 'The working copy as delivery would show it; its media URLs carry the preview token.' },
  ),
);

export const ArticlePageSchema = Component('ArticleSummaryPage', PageSchema(ArticleSummarySchema));

export const SearchHitSchema = Component(
  'SearchHit',
  Obj(
    {
      ...ArticleSummarySchema.properties,
      rank: Type.Number({ description: 'relevance; higher first' }),
      snippet: Text('matching fragments of the text, matches wrapped in `<mark>…</mark>`, fragments joined by ` … `; the rest is plain text'),
    },
    { description: 'A search result: the summary with its rank and snippet.' },
  ),
);
export const SearchPageSchema = Component('SearchPage', PageSchema(SearchHitSchema));
export const ArticleListResultSchema = Component(
  'ArticleListResult',
  Type.Union([ArticlePageSchema, SearchPageSchema], {
    description: 'A page of summaries; with `q`, a page of search hits (summaries with `rank` and `snippet`).',
  }),
);

/** A section in the tree; `children` are sections of the same shape. */
export interface SectionTreeNode {
  slug: string;
  name: string;
  children: SectionTreeNode[];
}
const sectionChildren = Type.Array(Type.Unsafe<SectionTreeNode>({}), { description: 'sub-sections, in order' });
export const SectionNodeSchema = Component('SectionNode', Obj({ slug: Type.String(), name: Type.String(), children: sectionChildren }));
// The tree refers to itself: the document writes the inner one as a $ref to SectionNode.
(sectionChildren as unknown as { items: TSchema }).items = SectionNodeSchema;

export const SectionTreeSchema = Component(
  'SectionTree',
  Obj({ data: Type.Array(SectionNodeSchema) }, { description: 'Top-level sections, in order (not paged).' }),
);

export const SectionPageSchema = Component(
  'SectionPage',
  Obj({
    section: Obj({
      slug: Type.String(),
      name: Type.String(),
      description: Type.String(),
      breadcrumb: Type.Array(SectionRefSchema),
      children: Type.Array(SectionRefSchema),
    }),
    data: Type.Array(ArticleSummarySchema, { description: 'its latest articles, its descendants’ included' }),
    nextCursor: Nullable(Type.String()),
  }),
);

export const TagPageSchema = Component(
  'TagPage',
  Obj({
    tag: Obj({
      slug: Type.String(),
      name: Type.String(),
      description: Type.String(),
      names: Dictionary(Type.String(), { description: 'the name per locale' }),
    }),
    data: Type.Array(ArticleSummarySchema),
    nextCursor: Nullable(Type.String()),
  }),
);

export const TagRedirectSchema = Component(
  'TagRedirect',
  Obj({ redirect: Type.String({ description: 'the path of the tag under its current slug (also in Location, with the query kept)' }) }),
);

export const AuthorPageSchema = Component(
  'AuthorPage',
  Obj({
    author: Obj({
      slug: Type.String(),
      name: Type.String(),
      bio: Type.String(),
      links: Type.Array(Obj({ label: Type.String(), url: Type.String() }), { description: 'profile links as entered in the admin' }),
      photo: Nullable(ImageSchema),
    }),
    data: Type.Array(ArticleSummarySchema),
    nextCursor: Nullable(Type.String()),
  }),
);

export const LocaleSchema = Component(
  'Locale',
  Obj({ code: Type.String(), name: Type.String(), nativeName: Type.String(), rtl: Type.Boolean(), default: Type.Boolean() }),
);
export const LocaleListSchema = Component('LocaleList', Obj({ data: Type.Array(LocaleSchema) }, { description: 'Every language edition (not paged).' }));

export const CollectionItemSchema = Component(
  'CollectionItem',
  Obj({ label: Type.Optional(Text('an editor’s label for the slot, e.g. FEATURE; absent when none')), article: ArticleSummarySchema }),
);
export const CollectionPageSchema = Component(
  'CollectionPage',
  Obj(
    {
      collection: Obj({ slug: Type.String(), locale: Type.String(), name: Type.String(), description: Type.String() }),
      items: Type.Array(CollectionItemSchema, { description: 'in the editors’ order; live items only' }),
    },
    {
      description:
        'A curated rail. Not paged (a rail is short and ordered by hand), so `items` rather than the lists’ `data`/`nextCursor`: the whole rail in one response.',
    },
  ),
);

export const SyncUpsertSchema = Component(
  'SyncUpsert',
  Obj({ op: Type.Literal('upsert'), id: Uuid(), article: ArticleSummarySchema }, { description: 'Live now (new or changed): store this summary.' }),
);
export const SyncDeleteSchema = Component(
  'SyncDelete',
  Obj(
    { op: Type.Literal('delete'), id: Uuid(), slug: Type.String(), locale: Type.String() },
    { description: 'No longer live (unpublished, archived, expired): drop it.' },
  ),
);
export const SyncItemSchema = TaggedUnion('op', [SyncUpsertSchema, SyncDeleteSchema]);
export const SyncPageSchema = Component(
  'SyncPage',
  Obj(
    {
      items: Type.Array(SyncItemSchema),
      syncToken: Text('pass back as `?token=` for what changed after this page'),
      hasMore: Type.Boolean({ description: 'more changes are waiting: call again with syncToken at once' }),
    },
    {
      description:
        'A page of delta sync. Not a `data`/`nextCursor` list: the token is always given (also on the last page, to ask later for what changed since), and `hasMore` says whether to call again now.',
    },
  ),
);

export type Rendition = Static<typeof RenditionSchema>;
export type ImageSource = Static<typeof ImageSourceSchema>;
export type TextSpan = Static<typeof TextSpanSchema>;
export type JsonLd = Static<typeof JsonLdSchema>;
export type JsonLdImage = Static<typeof JsonLdImageSchema>;
