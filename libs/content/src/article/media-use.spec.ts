import type { Block } from './blocks.js';
import { BLOCK_TYPES, blockMediaIds } from './blocks.js';
import { mediaIdsUsedBy, mediaUsedBy } from './media-use.js';

const lead = '00000000-0000-4000-8000-00000000000a';
const audio = '00000000-0000-4000-8000-00000000000b';
const og = '00000000-0000-4000-8000-00000000000c';
const image = '00000000-0000-4000-8000-00000000000d';
const clip = '00000000-0000-4000-8000-00000000000e';
const related = '00000000-0000-4000-8000-00000000000f';

/** One block of every type; only image and audio blocks name media. */
const everyBlock: Block[] = [
  { type: 'paragraph', text: 'text' },
  { type: 'heading', level: 2, text: 'heading' },
  { type: 'image', mediaId: image, caption: 'caption' },
  { type: 'quote', text: 'quote' },
  { type: 'list', ordered: false, items: ['item'] },
  { type: 'embed', url: 'https://example.org/video' },
  { type: 'related', articleId: related },
  { type: 'audio', mediaId: clip },
];

const none = { leadMediaId: null, audioMediaId: null, seo: {}, body: [] };

describe('mediaUsedBy', () => {
  it('covers every block type', () => {
    expect(new Set(everyBlock.map((block) => block.type))).toEqual(new Set(BLOCK_TYPES));
  });

  it('finds nothing in a content without media', () => {
    expect(mediaUsedBy(none)).toEqual([]);
    expect(mediaUsedBy({ ...none, body: everyBlock.filter((block) => block.type !== 'image' && block.type !== 'audio') })).toEqual([]);
  });

  it.each([
    ['the lead image', { leadMediaId: lead }, { id: lead, role: 'lead', kind: 'image', path: 'leadMediaId' }],
    ["the episode's audio", { audioMediaId: audio }, { id: audio, role: 'audio', kind: 'audio', path: 'audioMediaId' }],
    ['the share image', { seo: { title: 't', ogImageMediaId: og } }, { id: og, role: 'og', kind: 'image', path: 'seo.ogImageMediaId' }],
    [
      'an image block',
      {
        body: [
          { type: 'paragraph', text: 'x' },
          { type: 'image', mediaId: image },
        ],
      },
      { id: image, role: 'body', kind: 'image', path: 'body[1].mediaId' },
    ],
    ['an audio block', { body: [{ type: 'audio', mediaId: clip }] }, { id: clip, role: 'body', kind: 'audio', path: 'body[0].mediaId' }],
  ] as const)('finds %s', (_, fields, use) => {
    expect(mediaUsedBy({ ...none, ...fields } as Parameters<typeof mediaUsedBy>[0])).toEqual([use]);
  });

  it('lists lead, audio, share image, then the body in order', () => {
    const uses = mediaUsedBy({ leadMediaId: lead, audioMediaId: audio, seo: { ogImageMediaId: og }, body: everyBlock });
    expect(uses.map((use) => [use.role, use.id])).toEqual([
      ['lead', lead],
      ['audio', audio],
      ['og', og],
      ['body', image],
      ['body', clip],
    ]);
    expect(uses.find((use) => use.id === clip)?.path).toBe('body[7].mediaId');
  });

  it('ignores empty fields', () => {
    expect(mediaUsedBy({ leadMediaId: '', audioMediaId: null, seo: { ogImageMediaId: null }, body: [] })).toEqual([]);
  });

  it('lists an asset used twice twice; mediaIdsUsedBy once', () => {
    const content = {
      ...none,
      leadMediaId: image,
      body: [
        { type: 'image', mediaId: image },
        { type: 'image', mediaId: image },
      ] as Block[],
    };
    expect(mediaUsedBy(content).map((use) => use.path)).toEqual(['leadMediaId', 'body[0].mediaId', 'body[1].mediaId']);
    expect(mediaIdsUsedBy(content)).toEqual([image]);
  });

  it("gives the body's part to blockMediaIds", () => {
    expect(blockMediaIds(everyBlock)).toEqual([image, clip]);
  });
});
