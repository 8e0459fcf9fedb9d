import type { Role } from '#common';
import {
  ARTICLE_STATUSES,
  type ArticleStatus,
  canEdit,
  decide,
  statusAfterEdit,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
  type WorkflowContext,
} from './workflow.js';

const ROLES: Role[] = ['contributor', 'editor', 'admin'];

/**
 * The expected outcome of every state × action for an editor, written out
 * independently of the implementation's table. `live` marks the state as
 * having a live revision.
 */
const EDITOR_EXPECTED: Record<string, Partial<Record<WorkflowAction, ArticleStatus>>> = {
  draft: { submit: 'in_review', publish: 'published', archive: 'archived' },
  'draft+live': { submit: 'in_review', publish: 'published', unpublish: 'unpublished' },
  in_review: { request_changes: 'draft', approve: 'approved', publish: 'published', archive: 'archived' },
  'in_review+live': { request_changes: 'draft', approve: 'approved', publish: 'published', unpublish: 'unpublished' },
  approved: { publish: 'published', schedule: 'scheduled', archive: 'archived' },
  'approved+live': { publish: 'published', schedule: 'scheduled', unpublish: 'unpublished' },
  scheduled: { publish: 'published', unschedule: 'approved', archive: 'archived' },
  'published+live': { unpublish: 'unpublished' },
  'published+live+changes': { publish: 'published', unpublish: 'unpublished' },
  unpublished: { restore: 'draft', archive: 'archived' },
  archived: { restore: 'draft' },
};

function contextFor(key: string, role: Role, isOwner: boolean): WorkflowContext {
  const [status, ...flags] = key.split('+') as [ArticleStatus, ...string[]];
  return { status, isLive: flags.includes('live'), hasUnpublishedChanges: flags.includes('changes'), role, isOwner };
}

const cases = Object.keys(EDITOR_EXPECTED).flatMap((state) =>
  WORKFLOW_ACTIONS.flatMap((action) => ROLES.flatMap((role) => [true, false].map((isOwner) => ({ state, action, role, isOwner })))),
);

describe('workflow: every state × action × role', () => {
  it.each(cases)('$state · $action · $role (owner: $isOwner)', ({ state, action, role, isOwner }) => {
    const decision = decide(action, contextFor(state, role, isOwner));
    const target = EDITOR_EXPECTED[state]![action];
    const contributorMay = action === 'submit' && isOwner;
    if (role === 'contributor' && !contributorMay) {
      expect(decision).toMatchObject({ ok: false, reason: 'forbidden' });
    } else if (target === undefined) {
      expect(decision).toMatchObject({ ok: false, reason: 'invalid_transition' });
    } else {
      expect(decision).toMatchObject({ ok: true, to: target });
    }
  });

  it('covers every status', () => {
    const covered = new Set(Object.keys(EDITOR_EXPECTED).map((key) => key.split('+')[0]));
    expect([...covered].sort()).toEqual([...ARTICLE_STATUSES].sort());
  });

  it('requires a comment for request_changes, a reason for unpublish and a time for schedule', () => {
    const editor = (key: string) => contextFor(key, 'editor', false);
    expect(decide('request_changes', editor('in_review'))).toMatchObject({ requires: ['comment'] });
    expect(decide('unpublish', editor('published+live'))).toMatchObject({ requires: ['reason'] });
    expect(decide('schedule', editor('approved'))).toMatchObject({ requires: ['publishAt'] });
  });

  it('ends preview links on unpublish, archive and restore, and on nothing else', () => {
    expect(WORKFLOW_ACTIONS.filter((action) => TRANSITIONS[action].endsPreviews)).toEqual(['unpublish', 'archive', 'restore']);
  });
});

describe('editing', () => {
  it.each(ARTICLE_STATUSES.flatMap((status) => ROLES.flatMap((role) => [true, false].map((isOwner) => ({ status, role, isOwner })))))(
    '$status · $role (owner: $isOwner)',
    ({ status, role, isOwner }) => {
      const expected = role === 'contributor' ? isOwner && status === 'draft' : ['draft', 'in_review', 'approved', 'published'].includes(status);
      expect(canEdit({ status, role, isOwner })).toBe(expected);
    },
  );

  it('moves a published working copy back to draft', () => {
    expect(statusAfterEdit('published')).toBe('draft');
    expect(statusAfterEdit('in_review')).toBe('in_review');
  });
});
