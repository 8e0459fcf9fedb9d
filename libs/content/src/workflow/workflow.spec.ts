import type { Role } from '#common';
import {
  ARTICLE_STATUSES,
  type ArticleStatus,
  decide,
  describeSources,
  statusAfterEdit,
  type TransitionEffect,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
  type WorkflowContext,
} from './workflow.js';
import { ARTICLE_POLICY } from '../policy/access-policy.js';

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
  // A live story's edit, approved and scheduled to go out again: the live version stays until then.
  'scheduled+live': { publish: 'published', unschedule: 'approved', unpublish: 'unpublished' },
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

describe('effects', () => {
  // What each move does besides the status, written out apart from the table.
  const EFFECTS: Record<WorkflowAction, TransitionEffect> = {
    submit: 'none',
    request_changes: 'none',
    approve: 'none',
    publish: 'go_live',
    schedule: 'queue_publish',
    unschedule: 'cancel_schedule',
    unpublish: 'take_down',
    archive: 'none',
    restore: 'none',
  };
  it.each(WORKFLOW_ACTIONS)('%s names its effect, and the decision carries it', (action) => {
    expect(TRANSITIONS[action].effect).toBe(EFFECTS[action]);
    const from = Object.keys(EDITOR_EXPECTED).find((state) => EDITOR_EXPECTED[state]![action] !== undefined)!;
    expect(decide(action, contextFor(from, 'editor', false))).toMatchObject({ ok: true, effect: EFFECTS[action] });
  });

  it('keeps the reason of an unpublish and the comment of the plain moves as editorial notes, and nothing of publish or schedule', () => {
    expect(Object.fromEntries(WORKFLOW_ACTIONS.map((action) => [action, TRANSITIONS[action].note ?? null]))).toEqual({
      submit: 'comment',
      request_changes: 'comment',
      approve: 'comment',
      publish: null,
      schedule: null,
      unschedule: 'comment',
      unpublish: 'reason',
      archive: 'comment',
      restore: 'comment',
    });
  });

  it('says where a refused move could start, from the same data it decides by', () => {
    const refused = decide('schedule', contextFor('draft', 'editor', false));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining(`allowed from ${describeSources(TRANSITIONS.schedule.from)}`) });
    expect(describeSources(TRANSITIONS.publish.from)).toBe('draft, in_review, approved or scheduled, or published with unpublished changes');
    expect(describeSources(TRANSITIONS.archive.from)).toBe('draft, in_review, approved, scheduled or unpublished when not live');
  });
});

describe('reachable states', () => {
  // Walks every state an editor can bring an article to from a new draft, by
  // moves and by edits, applying each move's effect to the facts; every state
  // found must be in the table above (so scheduled-and-live is covered).
  type Facts = Pick<WorkflowContext, 'status' | 'isLive' | 'hasUnpublishedChanges'>;
  const keyOf = (facts: Facts) =>
    [facts.status, facts.isLive ? 'live' : '', facts.status === 'published' && facts.hasUnpublishedChanges ? 'changes' : ''].filter(Boolean).join('+');
  function after(facts: Facts, action: WorkflowAction): Facts | null {
    const decision = decide(action, { ...facts, role: 'editor', isOwner: false });
    if (!decision.ok) return null;
    switch (decision.effect) {
      case 'go_live':
        return { status: decision.to, isLive: true, hasUnpublishedChanges: false };
      case 'take_down':
        return { status: decision.to, isLive: false, hasUnpublishedChanges: false };
      default:
        return { ...facts, status: decision.to };
    }
  }
  function edited(facts: Facts): Facts | null {
    if (!ARTICLE_POLICY.edit({ role: 'editor', userId: null }, { createdById: null, status: facts.status }).ok) return null;
    return { status: statusAfterEdit(facts.status), isLive: facts.isLive, hasUnpublishedChanges: facts.isLive };
  }

  it('finds no state the table leaves out', () => {
    const start: Facts = { status: 'draft', isLive: false, hasUnpublishedChanges: false };
    const seen = new Map([[keyOf(start), start]]);
    const queue = [start];
    while (queue.length) {
      const facts = queue.shift()!;
      for (const next of [...WORKFLOW_ACTIONS.map((action) => after(facts, action)), edited(facts)]) {
        if (next && !seen.has(keyOf(next))) {
          seen.set(keyOf(next), next);
          queue.push(next);
        }
      }
    }
    expect([...seen.keys()].filter((key) => !(key in EDITOR_EXPECTED))).toEqual([]);
    expect(seen.has('scheduled+live')).toBe(true);
  });
});

describe('editing', () => {
  it('moves a published working copy back to draft', () => {
    expect(statusAfterEdit('published')).toBe('draft');
    expect(statusAfterEdit('in_review')).toBe('in_review');
  });
});
