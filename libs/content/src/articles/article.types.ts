import type { ArticleKind } from '#database';
import type { ArticleStatus } from '../workflow/workflow.js';
import type { Block } from './blocks.js';

export const ARTICLE_KINDS = ['story', 'feature', 'podcast_episode', 'video', 'live'] as const;

export interface Seo {
  title?: string;
  description?: string;
  canonicalUrl?: string;
  ogImageMediaId?: string;
}

/** The editable content of an article: what every revision keeps a full copy of. */
export interface ArticleContent {
  kind: ArticleKind;
  slug: string;
  headline: string;
  standfirst: string;
  body: Block[];
  sectionId: string | null;
  tagIds: string[];
  authorIds: string[];
  leadMediaId: string | null;
  relatedArticleIds: string[];
  seo: Seo;
  embargoUntil: string | null;
  publishAt: string | null;
  expireAt: string | null;
  audioMediaId: string | null;
  episodeNumber: number | null;
}

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

/** The admin representation (API.md). */
export interface ArticleView extends ArticleContent {
  id: string;
  locale: string;
  translationGroupId: string;
  status: ArticleStatus;
  version: number;
  live: null | { revision: number; publishedAt: string; firstPublishedAt: string; updatedAt: string };
  hasUnpublishedChanges: boolean;
  currentRevision: number;
  createdBy: string | null;
  assigneeId: string | null;
  lock: null | { userId: string; name: string; since: string; expiresAt: string };
  /** The last failed scheduled publish, until the story goes live or is scheduled again. */
  publishFailure: null | { attempts: number; lastError: string; nextAttemptAt: string | null };
  createdAt: string;
  modifiedAt: string;
}

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
  locale?: string;
  kind?: ArticleKind;
  q?: string;
}
