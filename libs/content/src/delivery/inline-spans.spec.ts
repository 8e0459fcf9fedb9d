import { inlineSpans } from './inline-spans.js';

describe('inlineSpans', () => {
  it.each([
    ['plain text', [{ text: 'plain text' }]],
    ['a **bold** word', [{ text: 'a ' }, { text: 'bold', marks: ['bold'] }, { text: ' word' }]],
    ['an _italic_ word.', [{ text: 'an ' }, { text: 'italic', marks: ['italic'] }, { text: ' word.' }]],
    ['snake_case_name stays', [{ text: 'snake_case_name stays' }]],
    [
      'see [the **report**](https://example.com/r) now',
      [{ text: 'see ' }, { text: 'the ', href: 'https://example.com/r' }, { text: 'report', marks: ['bold'], href: 'https://example.com/r' }, { text: ' now' }],
    ],
    [
      '**very _much_ so**',
      [
        { text: 'very ', marks: ['bold'] },
        { text: 'much', marks: ['bold', 'italic'] },
        { text: ' so', marks: ['bold'] },
      ],
    ],
    ['[not a link](javascript:alert(1))', [{ text: '[not a link](javascript:alert(1))' }]],
    ['', []],
  ])('%j', (text, spans) => {
    expect(inlineSpans(text)).toEqual(spans);
  });

  it('keeps every character of the text that is not mark syntax', () => {
    const text = 'A (_quoted_) **claim**, with [a link](http://x.test/a).';
    expect(
      inlineSpans(text)
        .map((span) => span.text)
        .join(''),
    ).toBe('A (quoted) claim, with a link.');
  });
});
