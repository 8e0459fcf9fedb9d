import { actionLabel, blockText, bodyDiff, diffLines, valueText } from './body-diff.js';

describe('the body diff', () => {
  it('shows blocks as readable lines, marks left out', () => {
    expect(blockText({ type: 'paragraph', text: 'The **night** shift.' })).toBe('The night shift.');
    expect(blockText({ type: 'heading', level: 3, text: 'Next' })).toBe('### Next');
    expect(blockText({ type: 'list', ordered: true, items: ['One', 'Two'] })).toBe('1. One\n2. Two');
    expect(blockText({ type: 'quote', text: 'Hold on.', attribution: 'The mayor' })).toBe('“Hold on.” — The mayor');
    expect(blockText({ type: 'related', articleId: 'x' })).toBe('[Read-more card]');
  });

  it('keeps unchanged blocks and marks added, removed and changed ones', () => {
    expect(diffLines(['A', 'B', 'C'], ['A', 'B2', 'C', 'D'])).toEqual([
      { kind: 'same', text: 'A' },
      { kind: 'changed', from: 'B', to: 'B2' },
      { kind: 'same', text: 'C' },
      { kind: 'added', text: 'D' },
    ]);
    expect(diffLines(['A', 'B', 'C'], ['A', 'C'])).toEqual([
      { kind: 'same', text: 'A' },
      { kind: 'removed', text: 'B' },
      { kind: 'same', text: 'C' },
    ]);
    expect(diffLines([], ['X'])).toEqual([{ kind: 'added', text: 'X' }]);
    expect(diffLines(['X', 'Y'], [])).toEqual([
      { kind: 'removed', text: 'X' },
      { kind: 'removed', text: 'Y' },
    ]);
  });

  it('pairs a longer run of removed blocks with the added ones and lists the rest', () => {
    expect(diffLines(['A', 'B', 'C'], ['Z'])).toEqual([
      { kind: 'changed', from: 'A', to: 'Z' },
      { kind: 'removed', text: 'B' },
      { kind: 'removed', text: 'C' },
    ]);
  });

  it('compares bodies as the API keeps them', () => {
    expect(bodyDiff([{ type: 'paragraph', text: 'Old.' }], [{ type: 'paragraph', text: 'New.' }])).toEqual([{ kind: 'changed', from: 'Old.', to: 'New.' }]);
    expect(bodyDiff(null, [])).toEqual([]);
  });

  it('writes other values and actions as short text', () => {
    expect(valueText(null)).toBe('(empty)');
    expect(valueText('id-1', (id) => (id === 'id-1' ? 'Region' : undefined))).toBe('Region');
    expect(valueText(['a', 'b'])).toBe('a, b');
    expect(valueText([])).toBe('(empty)');
    expect(actionLabel('article.request_changes')).toBe('Request changes');
    expect(actionLabel('article.published')).toBe('Published');
  });
});
