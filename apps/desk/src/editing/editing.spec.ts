import type { AdminComponents } from '#client';
import { conflictRows, reapplied, theirChanges } from './conflict.js';
import { changedKeys, type Fields, pick, rebased } from './fields.js';
import { DRAFT_MAX_AGE_MS, draftDifferences, draftKey, draftToKeep, type LocalDraft, parseDraft, restorePlan } from './local-draft.js';

type FieldChange = AdminComponents['schemas']['FieldChange'];

const base: Fields & { version: number; currentRevision: number } = {
  headline: 'Flood barriers hold in Novi Sad',
  standfirst: 'The river peaked overnight.',
  slug: 'flood-barriers-hold',
  sectionId: 'region',
  kind: 'story',
  tagIds: [],
  authorIds: [],
  embargoUntil: null,
  seo: {},
  body: [{ type: 'paragraph', text: 'Water levels fell by morning.' }],
  leadMediaId: null,
  version: 4,
  currentRevision: 3,
};
const NOW = Date.UTC(2026, 11, 7, 20, 0);

describe('the server moving on underneath the editor', () => {
  it('lets untouched fields follow the server and keeps what the user changed', () => {
    const now = { ...base, standfirst: 'Additional troops arrive.', headline: 'Theirs' };
    const edited = { ...base, headline: 'Mine' };
    expect(rebased(base, now, edited)).toMatchObject({ headline: 'Mine', standfirst: 'Additional troops arrive.', slug: base.slug });
  });
});

describe('which fields the user changed', () => {
  it('does not count a body whose blocks only list their keys in another order as changed', () => {
    const reordered = { ...base, body: [{ text: 'Water levels fell by morning.', type: 'paragraph' as const }] };
    expect(changedKeys(base, reordered)).toEqual([]);
  });

  it('lists the fields that differ, in the editor’s order', () => {
    expect(changedKeys(base, { ...base })).toEqual([]);
    expect(changedKeys(base, { ...base, sectionId: null, headline: 'Barriers hold' })).toEqual(['headline', 'sectionId']);
    // A partial set of fields only speaks for itself.
    expect(changedKeys(base, { standfirst: 'New' })).toEqual(['standfirst']);
    expect(pick({ ...base, headline: 'X' }, ['headline'])).toEqual({ headline: 'X' });
  });
});

describe('local recovery: what to keep and when to offer it', () => {
  it('keeps only the changed fields with the version and revision they were based on', () => {
    expect(draftToKeep('a1', base, { ...base }, NOW)).toBeNull();
    expect(draftToKeep('a1', base, { ...base, headline: 'Barriers hold', slug: 'barriers' }, NOW)).toEqual({
      articleId: 'a1',
      baseVersion: 4,
      baseRevision: 3,
      fields: { headline: 'Barriers hold', slug: 'barriers' },
      keptAt: NOW,
    });
  });

  it('keys drafts by user and article', () => {
    expect(draftKey('u1', 'a1')).not.toBe(draftKey('u2', 'a1'));
    expect(draftKey('u1', 'a1')).not.toBe(draftKey('u1', 'a2'));
  });

  it('reads back only a well-formed, recent draft of this article', () => {
    const draft = draftToKeep('a1', base, { ...base, headline: 'Barriers hold' }, NOW)!;
    expect(parseDraft(JSON.stringify(draft), 'a1', NOW + 1000)).toEqual(draft);
    expect(parseDraft(JSON.stringify(draft), 'a2', NOW)).toBeNull();
    expect(parseDraft(JSON.stringify(draft), 'a1', NOW + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(parseDraft(null, 'a1', NOW)).toBeNull();
    expect(parseDraft('{not json', 'a1', NOW)).toBeNull();
    expect(parseDraft(JSON.stringify({ ...draft, fields: null }), 'a1', NOW)).toBeNull();
    expect(parseDraft(JSON.stringify({ ...draft, baseVersion: '4' }), 'a1', NOW)).toBeNull();
  });

  it('offers a draft only when it would change what the server has', () => {
    const draft: LocalDraft = { articleId: 'a1', baseVersion: 4, baseRevision: 3, fields: { headline: 'Barriers hold' }, keptAt: NOW };
    expect(draftDifferences(draft, base)).toEqual(['headline']);
    // Already saved (from another tab, or the save went through before the copy was cleared): nothing to offer.
    expect(draftDifferences(draft, { ...base, headline: 'Barriers hold' })).toEqual([]);
    expect(draftDifferences(null, base)).toEqual([]);
  });

  it('restores plainly when nobody changed the content since, and through the conflict view when someone did', () => {
    const draft: LocalDraft = { articleId: 'a1', baseVersion: 4, baseRevision: 3, fields: { headline: 'Barriers hold' }, keptAt: NOW };
    expect(restorePlan(draft, { currentRevision: 3 })).toBe('plain');
    // A workflow move changes the version, not the content.
    expect(restorePlan({ ...draft, baseVersion: 3 }, { currentRevision: 3 })).toBe('plain');
    expect(restorePlan(draft, { currentRevision: 4 })).toBe('conflict');
  });
});

describe('a version conflict: who changed what, and what clashes', () => {
  // They changed the headline and the standfirst; the podcast audio changed too, which this editor does not show.
  const changes: FieldChange[] = [
    { field: 'headline', from: base.headline, to: 'Flood barriers hold along the Danube' },
    { field: 'standfirst', from: base.standfirst, to: 'Water peaked at 6.2 m.' },
    { field: 'audioMediaId', from: null, to: '00000000-0000-4000-8000-000000000001' },
  ];
  const current: Fields = { ...base, headline: 'Flood barriers hold along the Danube', standfirst: 'Water peaked at 6.2 m.' };

  it('keeps only the fields the editor has from the comparison', () => {
    expect([...theirChanges(changes).keys()]).toEqual(['headline', 'standfirst']);
  });

  it('lists each field either side changed, flagging the ones both changed differently', () => {
    const edited: Fields = { ...base, headline: 'Barriers hold in Novi Sad as the river peaks', slug: 'barriers-hold' };
    const rows = conflictRows(changes, current, edited, changedKeys(base, edited));
    expect(rows).toEqual([
      {
        field: 'headline',
        base: base.headline,
        theirs: 'Flood barriers hold along the Danube',
        mine: 'Barriers hold in Novi Sad as the river peaks',
        changedByThem: true,
        changedByMe: true,
        clash: true,
      },
      {
        field: 'standfirst',
        base: base.standfirst,
        theirs: 'Water peaked at 6.2 m.',
        mine: base.standfirst,
        changedByThem: true,
        changedByMe: false,
        clash: false,
      },
      { field: 'slug', base: base.slug, theirs: base.slug, mine: 'barriers-hold', changedByThem: false, changedByMe: true, clash: false },
    ]);
  });

  it('does not call the same change on both sides a clash', () => {
    const edited: Fields = { ...base, headline: 'Flood barriers hold along the Danube' };
    const [row] = conflictRows(changes, current, edited, ['headline']);
    expect(row).toMatchObject({ field: 'headline', changedByThem: true, changedByMe: true, clash: false });
  });

  it('re-applies the user’s changed fields on top of the current version, keeping the rest of theirs', () => {
    const edited: Fields = { ...base, headline: 'Barriers hold in Novi Sad as the river peaks' };
    const next = reapplied(current, edited, changedKeys(base, edited));
    expect(next).toEqual({ ...current, headline: 'Barriers hold in Novi Sad as the river peaks' });
    // Their standfirst stays: only the headline goes into the save.
    expect(changedKeys(current, next)).toEqual(['headline']);
  });
});
