import { Type } from '@sinclair/typebox';
import { Component, Nullable, Obj, PageSchema, StringEnum, Timestamp, Uuid } from '#common';
import { ARTICLE_STATUSES } from '../workflow/workflow.js';
import { MAX_BLOCKS, MAX_BODY_TEXT } from './blocks.js';
import { BlockSchema } from './blocks.schema.js';

/**
 * The admin representations of an article (API.md "Article (admin
 * representation)"), written once: the OpenAPI documents and the
 * TypeScript types (article.types.ts) are made from these.
 */

export const ARTICLE_KINDS = ['story', 'feature', 'podcast_episode', 'video', 'live'] as const;

export const SeoSchema = Component(
  'ArticleSeo',
  Obj(
    {
      title: Type.Optional(Type.String({ maxLength: 300 })),
      description: Type.Optional(Type.String({ maxLength: 1000 })),
      canonicalUrl: Type.Optional(Type.String({ maxLength: 2000, description: 'an absolute http(s) URL' })),
      ogImageMediaId: Type.Optional(Uuid({ description: 'the share image; the lead image when absent' })),
    },
    { description: 'search and share overrides; an absent key falls back to the article (headline, standfirst, lead image)' },
  ),
);

/** The editable content: what every revision keeps a full copy of. */
const contentProperties = {
  kind: StringEnum(ARTICLE_KINDS),
  slug: Type.String({ maxLength: 120, description: 'unique within the locale; generated from the headline when omitted at creation' }),
  headline: Type.String({ maxLength: 500 }),
  standfirst: Type.String({ maxLength: 2000 }),
  body: Type.Array(BlockSchema, {
    maxItems: MAX_BLOCKS,
    description: `at most ${MAX_BLOCKS} blocks and ${MAX_BODY_TEXT} characters of text in all`,
  }),
  sectionId: Nullable(Uuid()),
  tagIds: Type.Array(Uuid(), { maxItems: 50 }),
  authorIds: Type.Array(Uuid(), { maxItems: 20, description: 'bylines, in order' }),
  leadMediaId: Nullable(Uuid({ description: 'the lead image' })),
  relatedArticleIds: Type.Array(Uuid(), { maxItems: 20 }),
  seo: SeoSchema,
  embargoUntil: Nullable(Timestamp({ description: 'not public before this time; publish is refused (409 embargoed) until then' })),
  publishAt: Nullable(Timestamp({ description: 'when a scheduled article goes live' })),
  expireAt: Nullable(Timestamp({ description: 'when a live article is taken down (unpublished) by the worker' })),
  audioMediaId: Nullable(Uuid({ description: "a podcast episode's audio" })),
  episodeNumber: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000, description: "a podcast episode's number" })),
};

export const ArticleContentSchema = Component('ArticleContent', Obj(contentProperties, { description: 'the content a revision keeps' }));

export const ArticleLiveSchema = Component(
  'ArticleLive',
  Obj(
    {
      revision: Type.Integer({ minimum: 1, description: 'the revision the public sees' }),
      publishedAt: Timestamp({ description: 'when this revision went live' }),
      firstPublishedAt: Timestamp(),
      updatedAt: Timestamp({ description: 'the public "updated" time: moved by a significant update' }),
    },
    { description: 'the live revision, while the article is on the site' },
  ),
);

export const ArticleLockSchema = Component(
  'ArticleLock',
  Obj(
    {
      userId: Uuid(),
      name: Type.String({ description: 'who holds it' }),
      since: Timestamp(),
      expiresAt: Timestamp({ description: 'a lock lasts 5 minutes unless refreshed' }),
    },
    { description: "the soft edit lock (POST /articles/{id}/lock), while someone's is in force" },
  ),
);

export const PublishFailureSchema = Component(
  'PublishFailure',
  Obj(
    {
      attempts: Type.Integer({ minimum: 1 }),
      lastError: Type.String(),
      nextAttemptAt: Nullable(Timestamp({ description: 'the next retry; null: the worker gave up and the story is back with the desk (approved)' })),
    },
    { description: 'the last failed scheduled publish; cleared when the story goes live or is scheduled again' },
  ),
);

export const ArticleSchema = Component(
  'Article',
  Obj(
    {
      id: Uuid(),
      locale: Type.String({ examples: ['en'] }),
      translationGroupId: Uuid({ description: 'the story this article is one language edition of' }),
      ...contentProperties,
      status: StringEnum(ARTICLE_STATUSES, { description: 'where the working copy stands in the workflow' }),
      version: Type.Integer({ minimum: 1, description: 'the ETag; send it as If-Match to write' }),
      live: Nullable(ArticleLiveSchema),
      hasUnpublishedChanges: Type.Boolean({ description: 'live, and the working copy differs from the live revision' }),
      currentRevision: Type.Integer({ minimum: 1 }),
      createdBy: Nullable(Uuid()),
      assigneeId: Nullable(Uuid()),
      lock: Nullable(ArticleLockSchema),
      publishFailure: Nullable(PublishFailureSchema),
      createdAt: Timestamp(),
      modifiedAt: Timestamp(),
    },
    { description: "an article's working copy, as editors see it" },
  ),
);

export const ArticlePageSchema = Component('ArticlePage', PageSchema(ArticleSchema));
