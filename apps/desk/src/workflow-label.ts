import type { Role } from '#common';
import { ARTICLE_STATUSES, availableActions, type ArticleStatus, TRANSITIONS, type WorkflowAction } from '../../../libs/content/src/workflow/workflow.js';

/** How the desk names each status (the statuses themselves, and their order, are the workflow module's). */
export const STATUS_LABEL: Record<ArticleStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
  archived: 'Archived',
};

/** The statuses the desk lists, in the workflow's order. */
export const DESK_STATUSES: readonly ArticleStatus[] = ARTICLE_STATUSES;

/** The button for each workflow action. */
export const ACTION_LABEL: Record<WorkflowAction, string> = {
  submit: 'Submit for review',
  request_changes: 'Request changes',
  approve: 'Approve',
  publish: 'Publish',
  schedule: 'Schedule',
  unschedule: 'Unschedule',
  unpublish: 'Unpublish',
  archive: 'Archive',
  restore: 'Restore',
};

/** What the desk needs to know about a story to offer its moves. */
export interface StoryState {
  status: ArticleStatus;
  live: object | null;
  hasUnpublishedChanges: boolean;
  createdBy: string | null;
}

export interface OfferedAction {
  action: WorkflowAction;
  label: string;
  /** The move needs input the desk asks for in a dialog (a comment, a reason, a time). */
  needsInput: boolean;
}

/**
 * The moves this user may make on this story now: exactly what the server
 * would allow (the same pure workflow module decides), in the workflow's order.
 */
export function offeredActions(story: StoryState, user: { id: string; role: Role }): OfferedAction[] {
  return availableActions({
    status: story.status,
    isLive: story.live !== null,
    hasUnpublishedChanges: story.hasUnpublishedChanges,
    role: user.role,
    isOwner: story.createdBy === user.id,
  }).map((action) => ({ action, label: ACTION_LABEL[action], needsInput: TRANSITIONS[action].requires.length > 0 }));
}
