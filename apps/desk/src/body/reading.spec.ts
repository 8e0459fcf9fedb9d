import { readingLabel, readingMinutes, wordCount, WORDS_PER_MINUTE } from './reading.js';

describe('word count and reading time', () => {
  it('counts the words readers see, without mark syntax, ids or URLs', () => {
    expect(
      wordCount([
        { type: 'paragraph', text: 'The **quick** _brown_ [fox](https://example.org/a-b-c) jumps.' },
        { type: 'heading', level: 2, text: 'Over the dog' },
        { type: 'quote', text: "Don't stop", attribution: 'A well-known source' },
        { type: 'list', ordered: true, items: ['one', 'two 2024'] },
        { type: 'image', mediaId: '6a1b3c4d-1111-4a2b-8c3d-0123456789ab', caption: 'A caption here' },
        { type: 'embed', url: 'https://x.com/a/status/1', provider: 'x' },
        { type: 'related', articleId: '6a1b3c4d-3333-4a2b-8c3d-0123456789ab' },
        { type: 'audio', mediaId: '6a1b3c4d-2222-4a2b-8c3d-0123456789ab' },
      ]),
    ).toBe(5 + 3 + 2 + 3 + 3 + 3);
    expect(wordCount([{ type: 'paragraph', text: 'Баррикады уже неделю блокируют — дороги.' }])).toBe(5);
    expect(wordCount([])).toBe(0);
  });

  it('rounds the reading time to whole minutes, at least one for any words', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(WORDS_PER_MINUTE * 2)).toBe(2);
    expect(readingMinutes(Math.floor(WORDS_PER_MINUTE * 2.4))).toBe(2);
    expect(readingMinutes(Math.ceil(WORDS_PER_MINUTE * 2.6))).toBe(3);
  });

  it('labels them', () => {
    expect(readingLabel([])).toBe('0 words · 0 min read');
    expect(readingLabel([{ type: 'paragraph', text: 'One' }])).toBe('1 word · 1 min read');
  });
});
