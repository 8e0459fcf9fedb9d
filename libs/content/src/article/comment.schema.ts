import { Type } from '@sinclair/typebox';
import { Component, Nullable, Obj, PageSchema, StringEnum, Timestamp, Uuid } from '#common';
import { WORKFLOW_ACTIONS } from '../workflow/workflow.js';

export const COMMENT_KINDS = ['note', 'schedule_failed', ...WORKFLOW_ACTIONS] as const;

export const CommentSchema = Component(
  'Comment',
  Obj({
    id: Uuid(),
    body: Type.String({ maxLength: 5000 }),
    kind: StringEnum(COMMENT_KINDS, {
      description: '`note` (POST …/comments), the workflow action it came with (request_changes, unpublish…), or `schedule_failed` from the worker',
    }),
    authorId: Nullable(Uuid({ description: 'null for the system' })),
    authorName: Nullable(Type.String()),
    createdAt: Timestamp(),
  }),
);

export const CommentPageSchema = Component('CommentPage', PageSchema(CommentSchema, { description: 'oldest first; one page holds them all' }));

/** An audit event about one article (its transitions, edits, locks, previews…). */
export const ArticleHistoryEntrySchema = Component(
  'ArticleHistoryEntry',
  Obj({
    id: Uuid(),
    at: Timestamp(),
    actorId: Nullable(Uuid({ description: 'the user or API token that acted; null for the system' })),
    actorType: StringEnum(['user', 'api_token', 'system', 'anonymous']),
    action: Type.String({ examples: ['article.published'] }),
    entityType: Type.String({ description: '`article`' }),
    entityId: Nullable(Uuid()),
    data: Type.Unknown({ description: 'what the action recorded (fields changed, revision, from/to status…)' }),
  }),
);

export const ArticleHistoryPageSchema = Component(
  'ArticleHistoryPage',
  PageSchema(ArticleHistoryEntrySchema, { description: 'oldest first, up to 1000 events; nextCursor is always null' }),
);

export const PreviewLinkSchema = Component(
  'PreviewLink',
  Obj({
    token: Type.String({ description: 'opaque; valid until expiresAt unless revoked' }),
    expiresAt: Timestamp(),
    url: Type.String({ format: 'uri', description: 'the delivery preview route with the token, ready to open' }),
  }),
);
