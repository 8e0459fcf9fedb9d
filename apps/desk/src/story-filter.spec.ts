import { changedAgo } from './changed-ago.js';
import { DEFAULT_FILTER, filterSearch, listQuery, parseFilter, type StoryFilter } from './story-filter.js';
import { ACTION_LABEL, offeredActions, STATUS_LABEL } from './workflow-label.js';
import { ARTICLE_STATUSES, TRANSITIONS, WORKFLOW_ACTIONS } from '../../../libs/content/src/workflow/workflow.js';

describe('the desk filter in the URL', () => {
  it('reads the default view from an empty query string', () => {
    expect(parseFilter('')).toEqual(DEFAULT_FILTER);
    expect(filterSearch(DEFAULT_FILTER)).toBe('');
  });

  it.each<StoryFilter>([
    { status: 'in_review', whose: 'everyone' },
    { status: 'published', section: 'c5a1', locale: 'sr-Latn', q: 'Kosovo border', whose: 'mine' },
    { status: 'draft', q: 'a&b=c?', whose: 'everyone' },
  ])('round-trips %o', (filter) => {
    expect(parseFilter(filterSearch(filter))).toEqual(filter);
  });

  it('falls back on unknown statuses and drops blank text', () => {
    expect(parseFilter('?status=deleted&q=%20%20&whose=them&section=')).toEqual(DEFAULT_FILTER);
  });

  it('trims the search text', () => {
    expect(filterSearch({ status: 'draft', q: '  flood  ', whose: 'everyone' })).toBe('?q=flood');
  });
});

describe('the list query', () => {
  it('asks for one status, the filters set, and the user own stories for "Mine"', () => {
    expect(listQuery({ status: 'approved', section: 's1', q: ' x ', whose: 'mine' }, 'u1')).toEqual({
      status: 'approved',
      section: 's1',
      q: 'x',
      createdBy: 'u1',
      limit: 25,
    });
    expect(listQuery({ status: 'draft', whose: 'everyone' }, 'u1')).toEqual({ status: 'draft', limit: 25 });
  });
});

describe('workflow labels', () => {
  it('names every status and action of the workflow module', () => {
    expect(Object.keys(STATUS_LABEL).sort()).toEqual([...ARTICLE_STATUSES].sort());
    expect(Object.keys(ACTION_LABEL).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
  });

  const story = { live: null, hasUnpublishedChanges: false, createdBy: 'me' };

  it('offers a contributor only submitting their own draft', () => {
    expect(offeredActions({ ...story, status: 'draft' }, { id: 'me', role: 'contributor' }).map((a) => a.label)).toEqual(['Submit for review']);
    expect(offeredActions({ ...story, status: 'draft' }, { id: 'other', role: 'contributor' })).toEqual([]);
    expect(offeredActions({ ...story, status: 'in_review' }, { id: 'me', role: 'contributor' })).toEqual([]);
  });

  it('offers an editor the review moves, marking those that need input', () => {
    expect(offeredActions({ ...story, status: 'in_review' }, { id: 'ed', role: 'editor' })).toEqual([
      { action: 'request_changes', label: 'Request changes', needsInput: true },
      { action: 'approve', label: 'Approve', needsInput: false },
      { action: 'publish', label: 'Publish', needsInput: false },
      { action: 'archive', label: 'Archive', needsInput: false },
    ]);
  });

  it('marks exactly the moves whose rule requires input', () => {
    for (const action of WORKFLOW_ACTIONS) {
      const offered = offeredActions({ ...story, status: TRANSITIONS[action].from.statuses[0]!, live: {} }, { id: 'ed', role: 'admin' }).find(
        (a) => a.action === action,
      );
      if (offered) expect(offered.needsInput).toBe(TRANSITIONS[action].requires.length > 0);
    }
  });
});

describe('when a story changed', () => {
  const now = new Date('2026-05-04T12:00:00Z');
  it.each([
    ['2026-05-04T11:59:40Z', 'just now'],
    ['2026-05-04T11:55:00Z', '5 min ago'],
    ['2026-05-04T09:00:00Z', '3 h ago'],
    ['2026-04-30T09:00:00Z', '30 Apr'],
    ['2025-12-30T09:00:00Z', '30 Dec 2025'],
  ])('%s reads %s', (iso, text) => {
    expect(changedAgo(iso, now)).toBe(text);
  });
});
