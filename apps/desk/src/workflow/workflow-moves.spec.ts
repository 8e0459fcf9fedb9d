import type { Role } from '#common';
import { ARTICLE_STATUSES, availableActions, type WorkflowAction } from '../../../../libs/content/src/workflow/workflow.js';
import { dialogFor, transitionBody, workflowButtons } from './workflow-moves.js';

const ROLES: Role[] = ['contributor', 'editor', 'admin'];
const LIVE = { revision: 1, publishedAt: '2026-12-01T10:00:00Z', firstPublishedAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z' };

/** Every state a story can be in: status × live × unpublished changes × whose it is. */
const STATES = ARTICLE_STATUSES.flatMap((status) =>
  [null, LIVE].flatMap((live) =>
    [false, true].flatMap((hasUnpublishedChanges) => ['me', 'someone-else'].map((createdBy) => ({ status, live, hasUnpublishedChanges, createdBy }))),
  ),
);

describe('the workflow buttons per role and state', () => {
  it('are exactly the workflow module’s available actions, in its order, named as API.md says', () => {
    for (const role of ROLES) {
      for (const story of STATES) {
        const buttons = workflowButtons(story, { id: 'me', role });
        const expected = availableActions({
          status: story.status,
          isLive: story.live !== null,
          hasUnpublishedChanges: story.hasUnpublishedChanges,
          role,
          isOwner: story.createdBy === 'me',
        });
        expect(buttons.map((button) => button.action)).toEqual(expected);
      }
    }
    const names = workflowButtons({ status: 'in_review', live: null, hasUnpublishedChanges: false, createdBy: 'x' }, { id: 'me', role: 'editor' });
    expect(names.map((button) => button.label)).toEqual(['Request changes', 'Approve', 'Publish', 'Archive']);
  });

  it('never show a contributor Publish, Schedule, Approve or Unpublish, in any state', () => {
    const seen = new Set<string>();
    for (const story of STATES) for (const button of workflowButtons(story, { id: 'me', role: 'contributor' })) seen.add(button.label);
    expect([...seen]).toEqual(['Submit for review']);
    for (const forbidden of ['Publish', 'Schedule', 'Approve', 'Unpublish', 'Request changes']) expect(seen.has(forbidden)).toBe(false);
    // …and only on their own draft.
    expect(
      workflowButtons({ status: 'draft', live: null, hasUnpublishedChanges: false, createdBy: 'someone-else' }, { id: 'me', role: 'contributor' }),
    ).toEqual([]);
  });

  it('open the dialog each move needs', () => {
    const plain = { live: null, hasUnpublishedChanges: false };
    const republish = { live: LIVE, hasUnpublishedChanges: true };
    const dialogs = (story: typeof plain | typeof republish) =>
      Object.fromEntries(
        (['submit', 'request_changes', 'approve', 'publish', 'schedule', 'unschedule', 'unpublish', 'archive', 'restore'] as WorkflowAction[]).map((action) => [
          action,
          dialogFor(action, story),
        ]),
      );
    expect(dialogs(plain)).toEqual({
      submit: 'none',
      request_changes: 'comment',
      approve: 'none',
      publish: 'none',
      schedule: 'schedule',
      unschedule: 'none',
      unpublish: 'reason',
      archive: 'none',
      restore: 'none',
    });
    expect(dialogFor('publish', republish)).toBe('republish');
    expect(dialogFor('publish', { live: LIVE, hasUnpublishedChanges: false })).toBe('none');
  });

  it('send what the dialog collected, trimmed, and nothing empty', () => {
    expect(transitionBody('submit')).toEqual({ action: 'submit' });
    expect(transitionBody('request_changes', { comment: '  Name the source.  ' })).toEqual({ action: 'request_changes', comment: 'Name the source.' });
    expect(transitionBody('unpublish', { reason: 'Legal hold' })).toEqual({ action: 'unpublish', reason: 'Legal hold' });
    expect(transitionBody('schedule', { publishAt: '2026-12-07T20:40:00.000Z' })).toEqual({ action: 'schedule', publishAt: '2026-12-07T20:40:00.000Z' });
    expect(transitionBody('publish', { correction: ' ', significantUpdate: false })).toEqual({ action: 'publish' });
    expect(transitionBody('publish', { correction: 'An earlier version misnamed the region.', significantUpdate: true })).toEqual({
      action: 'publish',
      correction: { text: 'An earlier version misnamed the region.' },
      significantUpdate: true,
    });
  });
});
