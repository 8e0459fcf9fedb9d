/**
 * The editorial workflow as data plus a pure machine: no Nest, no Prisma.
 * Services load the facts (status, live or not, who is asking) and ask
 * `decide`; it answers with the target status or why not.
 */
import type { Role } from '#common';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'unpublished', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const WORKFLOW_ACTIONS = ['submit', 'request_changes', 'approve', 'publish', 'schedule', 'unschedule', 'unpublish', 'archive', 'restore'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** What the machine needs to know about the article and the caller. */
export interface WorkflowContext {
  status: ArticleStatus;
  /** A revision is live (on the site), whatever the working copy's status. */
  isLive: boolean;
  /** The working copy differs from the live revision. */
  hasUnpublishedChanges: boolean;
  role: Role;
  /** The caller created the article. */
  isOwner: boolean;
}

/** Extra input an action must carry. */
export type Requirement = 'comment' | 'reason' | 'publishAt';

export interface TransitionRule {
  action: WorkflowAction;
  /** Whether the article's state allows the action (regardless of who asks). */
  allowedFrom: (context: WorkflowContext) => boolean;
  to: ArticleStatus;
  /** Who may perform it: editors and admins, or also the article's contributor-owner. */
  who: 'editor' | 'owner_or_editor';
  requires: Requirement[];
  /** The action ends the article's outstanding preview links: taking a story down, archiving it or bringing it back starts afresh. */
  endsPreviews: boolean;
  /** Human description of the source states, for error messages. */
  fromLabel: string;
}

const isEditor = (role: Role) => role === 'editor' || role === 'admin';

/** The transitions table of API.md. */
export const TRANSITIONS: Record<WorkflowAction, TransitionRule> = {
  submit: {
    action: 'submit',
    allowedFrom: (c) => c.status === 'draft',
    to: 'in_review',
    who: 'owner_or_editor',
    requires: [],
    endsPreviews: false,
    fromLabel: 'draft',
  },
  request_changes: {
    action: 'request_changes',
    allowedFrom: (c) => c.status === 'in_review',
    to: 'draft',
    who: 'editor',
    requires: ['comment'],
    endsPreviews: false,
    fromLabel: 'in_review',
  },
  approve: {
    action: 'approve',
    allowedFrom: (c) => c.status === 'in_review',
    to: 'approved',
    who: 'editor',
    requires: [],
    endsPreviews: false,
    fromLabel: 'in_review',
  },
  publish: {
    action: 'publish',
    // From scheduled too: the worker publishes at publishAt, and an editor may publish early.
    allowedFrom: (c) => ['draft', 'in_review', 'approved', 'scheduled'].includes(c.status) || (c.status === 'published' && c.hasUnpublishedChanges),
    to: 'published',
    who: 'editor',
    requires: [],
    endsPreviews: false,
    fromLabel: 'draft, in_review, approved, scheduled, or published with unpublished changes',
  },
  schedule: {
    action: 'schedule',
    allowedFrom: (c) => c.status === 'approved',
    to: 'scheduled',
    who: 'editor',
    requires: ['publishAt'],
    endsPreviews: false,
    fromLabel: 'approved',
  },
  unschedule: {
    action: 'unschedule',
    allowedFrom: (c) => c.status === 'scheduled',
    to: 'approved',
    who: 'editor',
    requires: [],
    endsPreviews: false,
    fromLabel: 'scheduled',
  },
  unpublish: {
    action: 'unpublish',
    // A live story whose working copy is being edited (draft, in review…) can still be taken down.
    allowedFrom: (c) => c.isLive && c.status !== 'archived',
    to: 'unpublished',
    who: 'editor',
    requires: ['reason'],
    endsPreviews: true,
    fromLabel: 'published (live)',
  },
  archive: {
    action: 'archive',
    allowedFrom: (c) => !c.isLive && c.status !== 'archived' && c.status !== 'published',
    to: 'archived',
    who: 'editor',
    requires: [],
    endsPreviews: true,
    fromLabel: 'any status that is not live',
  },
  restore: {
    action: 'restore',
    allowedFrom: (c) => c.status === 'archived' || c.status === 'unpublished',
    to: 'draft',
    who: 'editor',
    requires: [],
    endsPreviews: true,
    fromLabel: 'archived or unpublished',
  },
};

export type Decision = { ok: true; to: ArticleStatus; requires: Requirement[] } | { ok: false; reason: 'forbidden' | 'invalid_transition'; message: string };

/**
 * Decides whether `action` may happen now. Permission is checked first, so a
 * caller learns nothing about states they may not act on.
 */
export function decide(action: WorkflowAction, context: WorkflowContext): Decision {
  const rule = TRANSITIONS[action];
  const permitted = isEditor(context.role) || (rule.who === 'owner_or_editor' && context.isOwner);
  if (!permitted) return { ok: false, reason: 'forbidden', message: `A ${context.role} cannot ${action.replace('_', ' ')} articles` };
  if (!rule.allowedFrom(context)) {
    return {
      ok: false,
      reason: 'invalid_transition',
      message: `Cannot ${action.replace('_', ' ')} an article that is ${describe(context)}; allowed from ${rule.fromLabel}`,
    };
  }
  return { ok: true, to: rule.to, requires: rule.requires };
}

/** The actions available to this caller now (for UIs). */
export function availableActions(context: WorkflowContext): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => decide(action, context).ok);
}

function describe(context: WorkflowContext): string {
  if (context.status === 'published' && !context.hasUnpublishedChanges) return 'published with no unpublished changes';
  return context.isLive && context.status !== 'published' ? `${context.status} (and live)` : context.status;
}

/**
 * Which statuses a working copy may be edited in, and by whom. Contributors
 * edit their own drafts; editors edit anything not scheduled, unpublished or
 * archived (those must be unscheduled or restored first).
 */
export function canEdit(context: Pick<WorkflowContext, 'status' | 'role' | 'isOwner'>): boolean {
  if (isEditor(context.role)) return ['draft', 'in_review', 'approved', 'published'].includes(context.status);
  return context.isOwner && context.status === 'draft';
}

/** Status after a content edit: editing a published article moves its working copy to draft. */
export function statusAfterEdit(status: ArticleStatus): ArticleStatus {
  return status === 'published' ? 'draft' : status;
}
