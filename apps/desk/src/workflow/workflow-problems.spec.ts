import { fieldName, outcomeOf, type RefusedMove, splitProblems } from './workflow-problems.js';

const refused = (code: string, status: number, extra: Partial<RefusedMove> = {}): RefusedMove => ({ code, status, errors: [], problem: {}, ...extra });
const time = (iso: string) => `at ${iso}`;

describe('a refused workflow move in words', () => {
  it('lists each failed publish precondition with the field it is about', () => {
    const outcome = outcomeOf(
      refused('publish_precondition_failed', 422, {
        errors: [
          { path: 'sectionId', message: 'a section is required' },
          { path: 'leadMediaId', message: 'image 1 has no credit (agency or photographer)' },
          { path: 'body[2].mediaId', message: 'image 2 has no credit (agency or photographer)' },
          { path: '/slug', message: 'another live article in this language uses this slug' },
        ],
      }),
      time,
    );
    expect(outcome.refresh).toBe(false);
    expect(outcome.problems.map((problem) => [problem.path, problem.field])).toEqual([
      ['sectionId', 'Section'],
      ['leadMediaId', 'Lead image'],
      ['body[2].mediaId', 'Image in the body (block 3)'],
      ['slug', 'Slug'],
    ]);
    const { atFields, elsewhere } = splitProblems(outcome.problems, new Set(['headline', 'slug', 'sectionId']));
    expect(atFields.map((problem) => problem.path)).toEqual(['sectionId', 'slug']);
    expect(elsewhere.map((problem) => problem.path)).toEqual(['leadMediaId', 'body[2].mediaId']);
  });

  it('shows the embargo’s end', () => {
    const outcome = outcomeOf(refused('embargoed', 409, { problem: { embargoUntil: '2026-12-08T06:00:00.000Z' } }), time);
    expect(outcome).toMatchObject({ embargoUntil: '2026-12-08T06:00:00.000Z', refresh: false });
    expect(outcome.message).toContain('under embargo until at 2026-12-08T06:00:00.000Z');
  });

  it('reads the story again after a conflict or a move that is no longer open', () => {
    expect(outcomeOf(refused('version_conflict', 412), time)).toMatchObject({ refresh: true, message: expect.stringContaining('Someone else changed') });
    expect(outcomeOf(refused('invalid_transition', 409), time)).toMatchObject({ refresh: true, message: expect.stringContaining('no longer open') });
    expect(outcomeOf(refused('forbidden', 403, { problem: { detail: 'A contributor cannot publish articles' } }), time)).toMatchObject({
      refresh: false,
      message: 'A contributor cannot publish articles',
    });
  });

  it('names fields as the Desk does', () => {
    expect(fieldName('seo.ogImageMediaId')).toBe('Share image');
    expect(fieldName('/seo/ogImageMediaId')).toBe('Share image');
    expect(fieldName('body[0].text')).toBe('Block in the body (block 1)');
    expect(fieldName('somethingNew')).toBe('somethingNew');
  });
});
