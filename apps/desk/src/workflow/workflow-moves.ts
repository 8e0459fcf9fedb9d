import type { WorkflowAction } from '../../../../libs/content/src/workflow/workflow.js';
import { offeredActions, type StoryState } from '../workflow-label.js';

/**
 * What the Desk asks before a move, if anything:
 * - comment: request changes (a comment, required)
 * - reason: unpublish (a reason, required)
 * - schedule: a date and time in the newsroom's zone
 * - republish: publishing a live story's changes (an optional public correction, "significant update")
 * - none: the button moves the story at once
 */
export type MoveDialog = 'none' | 'comment' | 'reason' | 'schedule' | 'republish';

export interface WorkflowButton {
  action: WorkflowAction;
  /** The button's accessible name (API.md's names). */
  label: string;
  dialog: MoveDialog;
}

/** The dialog a move opens on this story. */
export function dialogFor(action: WorkflowAction, story: Pick<StoryState, 'live' | 'hasUnpublishedChanges'>): MoveDialog {
  switch (action) {
    case 'request_changes':
      return 'comment';
    case 'unpublish':
      return 'reason';
    case 'schedule':
      return 'schedule';
    case 'publish':
      return story.live !== null && story.hasUnpublishedChanges ? 'republish' : 'none';
    default:
      return 'none';
  }
}

/**
 * The workflow buttons this user sees on this story: exactly the moves the
 * workflow module allows them now (availableActions, through offeredActions),
 * each with the dialog it opens.
 */
export function workflowButtons(story: StoryState, user: Parameters<typeof offeredActions>[1]): WorkflowButton[] {
  return offeredActions(story, user).map(({ action, label }) => ({ action, label, dialog: dialogFor(action, story) }));
}

/** The body of POST /articles/:id/transitions for a move and what its dialog collected. */
export interface MoveInput {
  comment?: string;
  reason?: string;
  /** ISO 8601 UTC. */
  publishAt?: string;
  correction?: string;
  significantUpdate?: boolean;
}

export interface TransitionBody {
  action: WorkflowAction;
  comment?: string;
  reason?: string;
  publishAt?: string;
  correction?: { text: string };
  significantUpdate?: boolean;
}

export function transitionBody(action: WorkflowAction, input: MoveInput = {}): TransitionBody {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const body: TransitionBody = { action };
  const comment = text(input.comment);
  const reason = text(input.reason);
  const correction = text(input.correction);
  if (comment !== undefined) body.comment = comment;
  if (reason !== undefined) body.reason = reason;
  if (input.publishAt !== undefined) body.publishAt = input.publishAt;
  if (correction !== undefined) body.correction = { text: correction };
  if (input.significantUpdate) body.significantUpdate = true;
  return body;
}
