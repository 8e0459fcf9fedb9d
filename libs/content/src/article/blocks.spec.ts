import { validateBlocks } from './blocks.js';

const id = '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70';

describe('body blocks', () => {
  it('accepts every block type of the contract', () => {
    expect(
      validateBlocks([
        { type: 'paragraph', text: 'The **KFOR** force _reinforces_ [patrols](https://example.org).' },
        { type: 'heading', level: 2, text: 'Background' },
        { type: 'image', mediaId: id, caption: 'A checkpoint' },
        { type: 'quote', text: 'We are ready.', attribution: 'A spokesperson' },
        { type: 'list', ordered: false, items: ['one', 'two'] },
        { type: 'embed', url: 'https://www.youtube.com/watch?v=x', provider: 'youtube' },
        { type: 'related', articleId: id },
        { type: 'audio', mediaId: id },
      ]),
    ).toEqual([]);
  });

  it('bounds the text of a whole body, not only of each block', () => {
    const block = { type: 'paragraph', text: 'word '.repeat(3_800) };
    expect(validateBlocks(Array.from({ length: 26 }, () => block))).toEqual([]);
    expect(validateBlocks(Array.from({ length: 27 }, () => block))).toEqual([
      { path: 'body', message: expect.stringMatching(/^must hold at most 500000 characters/) },
    ]);
  });

  it('rejects unknown block types and fields with their paths', () => {
    expect(
      validateBlocks([
        { type: 'paragraph', text: 'ok' },
        { type: 'marquee', text: 'no' },
      ]),
    ).toEqual([{ path: 'body[1].type', message: expect.stringMatching(/^unknown block type/) }]);
    expect(validateBlocks([{ type: 'paragraph', text: 'ok', colour: 'red' }])).toEqual([{ path: 'body[0].colour', message: 'unknown field' }]);
  });

  it.each([
    [{ type: 'heading', level: 1, text: 'x' }, 'body[0].level'],
    [{ type: 'image', mediaId: 'not-a-uuid' }, 'body[0].mediaId'],
    [{ type: 'embed', url: 'javascript:alert(1)' }, 'body[0].url'],
    [{ type: 'list', ordered: true, items: [] }, 'body[0].items'],
    [{ type: 'paragraph', text: '   ' }, 'body[0].text'],
    ['just a string', 'body[0]'],
  ])('rejects %j at %s', (block, path) => {
    expect(validateBlocks([block]).map((error) => error.path)).toContain(path);
  });

  it('requires a list', () => {
    expect(validateBlocks({ type: 'paragraph' })).toEqual([{ path: 'body', message: 'must be a list of blocks' }]);
  });
});
