import type { Static } from '@sinclair/typebox';
import type { ArticleKind } from '#database';
import type { ArticleStatus } from '../workflow/workflow.js';
import type { ArticleContentSchema, ArticleSchema, SeoSchema } from './article.schema.js';

export { ARTICLE_KINDS } from './article.schema.js';

export type Seo = Static<typeof SeoSchema>;

/** The editable content of an article: what every revision keeps a full copy of. */
export type ArticleContent = Static<typeof ArticleContentSchema>;

export const CONTENT_FIELDS: readonly (keyof ArticleContent)[] = [
  'kind',
  'slug',
  'headline',
  'standfirst',
  'body',
  'sectionId',
  'tagIds',
  'authorIds',
  'leadMediaId',
  'relatedArticleIds',
  'seo',
  'embargoUntil',
  'publishAt',
  'expireAt',
  'audioMediaId',
  'episodeNumber',
];

/** The admin representation (API.md), with the soft lock and the last failed scheduled publish. */
export type ArticleView = Static<typeof ArticleSchema>;

// The schema's enums are the database's and the workflow's, exactly.
true satisfies ArticleKind extends ArticleView['kind'] ? (ArticleView['kind'] extends ArticleKind ? true : never) : never;
true satisfies ArticleStatus extends ArticleView['status'] ? (ArticleView['status'] extends ArticleStatus ? true : never) : never;

export interface CreateArticleInput extends Partial<ArticleContent> {
  locale?: string;
  /** Joins the translation group of this article (another language edition). */
  translationOf?: string;
  assigneeId?: string | null;
}

export interface UpdateArticleInput extends Partial<ArticleContent> {
  assigneeId?: string | null;
}

export interface ArticleListQuery {
  limit: number;
  cursor?: string;
  status?: ArticleStatus;
  section?: string;
  tag?: string;
  author?: string;
  assignee?: string;
  /** A user id: the articles they created. */
  createdBy?: string;
  locale?: string;
  kind?: ArticleKind;
  q?: string;
}
