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

/**
 * What carrying out a move does besides setting the status; the transition
 * service runs exactly the effect the machine names.
 * - go_live: check the publish preconditions and write the live snapshot
 * - queue_publish: check them for publishAt and hand the article to the scheduler
 * - cancel_schedule: drop publishAt
 * - take_down: remove the live snapshot
 * - none: the status alone
 */
export const TRANSITION_EFFECTS = ['none', 'go_live', 'queue_publish', 'cancel_schedule', 'take_down'] as const;
export type TransitionEffect = (typeof TRANSITION_EFFECTS)[number];

/** The states a move starts from. */
export interface SourceStates {
  /** Working-copy statuses. */
  statuses: readonly ArticleStatus[];
  /** Only while live (true), or only while not live (false); either when unset. */
  live?: boolean;
  /** Also from `published` when the working copy has unpublished changes (a republish). */
  republish?: boolean;
}

export interface TransitionRule {
  action: WorkflowAction;
  from: SourceStates;
  to: ArticleStatus;
  /** Who may perform it: editors and admins, or also the article's contributor-owner. */
  who: 'editor' | 'owner_or_editor';
  requires: Requirement[];
  effect: TransitionEffect;
  /** Which input the move keeps as an editorial note on the article (the comment is optional unless required). */
  note?: 'comment' | 'reason';
  /** The action ends the article's outstanding preview links: taking a story down, archiving it or bringing it back starts afresh. */
  endsPreviews: boolean;
}

const isEditor = (role: Role) => role === 'editor' || role === 'admin';

/** Statuses a working copy can have while a revision is live. */
const LIVE_CAPABLE: readonly ArticleStatus[] = ['draft', 'in_review', 'approved', 'scheduled', 'published'];

/** The transitions table of API.md. */
export const TRANSITIONS: Record<WorkflowAction, TransitionRule> = {
  submit: {
    action: 'submit',
    from: { statuses: ['draft'] },
    to: 'in_review',
    who: 'owner_or_editor',
    requires: [],
    effect: 'none',
    note: 'comment',
    endsPreviews: false,
  },
  request_changes: {
    action: 'request_changes',
    from: { statuses: ['in_review'] },
    to: 'draft',
    who: 'editor',
    requires: ['comment'],
    effect: 'none',
    note: 'comment',
    endsPreviews: false,
  },
  approve: {
    action: 'approve',
    from: { statuses: ['in_review'] },
    to: 'approved',
    who: 'editor',
    requires: [],
    effect: 'none',
    note: 'comment',
    endsPreviews: false,
  },
  publish: {
    action: 'publish',
    // From scheduled too: the worker publishes at publishAt, and an editor may publish early.
    from: { statuses: ['draft', 'in_review', 'approved', 'scheduled'], republish: true },
    to: 'published',
    who: 'editor',
    requires: [],
    effect: 'go_live',
    endsPreviews: false,
  },
  schedule: {
    action: 'schedule',
    from: { statuses: ['approved'] },
    to: 'scheduled',
    who: 'editor',
    requires: ['publishAt'],
    effect: 'queue_publish',
    endsPreviews: false,
  },
  unschedule: {
    action: 'unschedule',
    from: { statuses: ['scheduled'] },
    to: 'approved',
    who: 'editor',
    requires: [],
    effect: 'cancel_schedule',
    note: 'comment',
    endsPreviews: false,
  },
  unpublish: {
    action: 'unpublish',
    // A live story whose working copy is being edited (draft, in review…) can still be taken down.
    from: { statuses: LIVE_CAPABLE, live: true },
    to: 'unpublished',
    who: 'editor',
    requires: ['reason'],
    effect: 'take_down',
    note: 'reason',
    endsPreviews: true,
  },
  archive: {
    action: 'archive',
    from: { statuses: ['draft', 'in_review', 'approved', 'scheduled', 'unpublished'], live: false },
    to: 'archived',
    who: 'editor',
    requires: [],
    effect: 'none',
    note: 'comment',
    endsPreviews: true,
  },
  restore: {
    action: 'restore',
    from: { statuses: ['archived', 'unpublished'] },
    to: 'draft',
    who: 'editor',
    requires: [],
    effect: 'none',
    note: 'comment',
    endsPreviews: true,
  },
};

/** Whether the article's state allows the move (regardless of who asks). */
export function startsFrom(from: SourceStates, context: Pick<WorkflowContext, 'status' | 'isLive' | 'hasUnpublishedChanges'>): boolean {
  if (from.republish && context.status === 'published' && context.hasUnpublishedChanges) return true;
  return from.statuses.includes(context.status) && (from.live === undefined || from.live === context.isLive);
}

/** The source states in words, for error messages: "draft, in_review, approved or scheduled, or published with unpublished changes". */
export function describeSources(from: SourceStates): string {
  const statuses = from.statuses.length > 1 ? `${from.statuses.slice(0, -1).join(', ')} or ${from.statuses.at(-1)}` : from.statuses[0]!;
  const live = from.live === undefined ? '' : from.live ? ' while live' : ' when not live';
  return `${statuses}${live}${from.republish ? ', or published with unpublished changes' : ''}`;
}

export type Decision =
  | { ok: true; to: ArticleStatus; requires: Requirement[]; effect: TransitionEffect; note?: 'comment' | 'reason'; endsPreviews: boolean }
  | { ok: false; reason: 'forbidden' | 'invalid_transition'; message: string };

/**
 * Decides whether `action` may happen now, and what it does. Permission is
 * checked first, so a caller learns nothing about states they may not act on.
 */
export function decide(action: WorkflowAction, context: WorkflowContext): Decision {
  const rule = TRANSITIONS[action];
  const permitted = isEditor(context.role) || (rule.who === 'owner_or_editor' && context.isOwner);
  if (!permitted) return { ok: false, reason: 'forbidden', message: `A ${context.role} cannot ${action.replace('_', ' ')} articles` };
  if (!startsFrom(rule.from, context)) {
    return {
      ok: false,
      reason: 'invalid_transition',
      message: `Cannot ${action.replace('_', ' ')} an article that is ${describe(context)}; allowed from ${describeSources(rule.from)}`,
    };
  }
  return { ok: true, to: rule.to, requires: rule.requires, effect: rule.effect, ...(rule.note ? { note: rule.note } : {}), endsPreviews: rule.endsPreviews };
}

/** The actions available to this caller now (for UIs). */
export function availableActions(context: WorkflowContext): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => decide(action, context).ok);
}

function describe(context: WorkflowContext): string {
  if (context.status === 'published' && !context.hasUnpublishedChanges) return 'published with no unpublished changes';
  return context.isLive && context.status !== 'published' ? `${context.status} (and live)` : context.status;
}

/** Status after a content edit: editing a published article moves its working copy to draft. */
export function statusAfterEdit(status: ArticleStatus): ArticleStatus {
  return status === 'published' ? 'draft' : status;
}
