import fc from 'fast-check';
import { type Block, toBlocks, toDoc } from './convert.js';
import { parseInline, type Run, serializeInline } from './inline.js';
import { bodySchema as schema } from './schema.js';

const IMAGE = '6a1b3c4d-1111-4a2b-8c3d-0123456789ab';
const AUDIO = '6a1b3c4d-2222-4a2b-8c3d-0123456789ab';
const STORY = '6a1b3c4d-3333-4a2b-8c3d-0123456789ab';

const roundTrip = (blocks: Block[]) => toBlocks(toDoc(blocks));

describe('the body editor document', () => {
  const EVERY_BLOCK: Block[] = [
    { type: 'paragraph', text: 'A plain paragraph.' },
    { type: 'heading', level: 2, text: 'A heading two' },
    { type: 'heading', level: 3, text: 'A heading three' },
    { type: 'heading', level: 4, text: 'A heading four, with **stars** kept as written' },
    { type: 'image', mediaId: IMAGE },
    { type: 'image', mediaId: IMAGE, caption: 'KFOR soldiers at a checkpoint' },
    { type: 'image', mediaId: IMAGE, caption: '' },
    { type: 'quote', text: 'We are following the situation closely.' },
    { type: 'quote', text: 'With **weight** and _style_.', attribution: 'KFOR spokesperson' },
    { type: 'list', ordered: false, items: ['one', '**two**', 'three and [a link](https://example.org/x)'] },
    { type: 'list', ordered: true, items: ['first', '_second_'] },
    { type: 'embed', url: 'https://www.youtube.com/watch?v=abc' },
    { type: 'embed', url: 'https://x.com/someone/status/1', provider: 'x' },
    { type: 'related', articleId: STORY },
    { type: 'audio', mediaId: AUDIO },
  ];

  it('round-trips every block type', () => {
    expect(roundTrip(EVERY_BLOCK)).toEqual(EVERY_BLOCK);
    for (const block of EVERY_BLOCK) expect(roundTrip([block])).toEqual([block]);
  });

  it('makes each block the matching node, and the schema checks the document', () => {
    const doc = toDoc(EVERY_BLOCK);
    doc.check();
    expect(doc.content.content.map((node) => node.type.name)).toEqual([
      'paragraph',
      'heading',
      'heading',
      'heading',
      'image',
      'image',
      'image',
      'quote',
      'quote',
      'bullet_list',
      'ordered_list',
      'embed',
      'embed',
      'related',
      'audio',
    ]);
    expect(doc.child(3).attrs.level).toBe(4);
  });

  const MARKED = [
    '**bold**',
    '_italic_',
    '[link](https://example.org/a?b=c)',
    '**_bold italic_**',
    '[**bold link**](https://example.org/)',
    '[_italic link_](https://example.org/)',
    '[**_bold italic link_**](https://example.org/)',
    '[a **bold** and _italic_ label](https://example.org/)',
    'Plain, then **bold**, _italic_ (_in brackets_), and a [link](http://example.org/).',
    '**bold** followed by **_both_** then _just italic_.',
    '_Reporting by Rade Reporter in Leposavic._',
    'Literal stars * and under_scores stay text, as do snake_case_words and 2*3.',
    'Two links: [one](https://a.example/) and [two](https://b.example/).',
    '**a**_b_',
  ];

  it.each(MARKED)('round-trips marks in %s', (text) => {
    const blocks: Block[] = [
      { type: 'paragraph', text },
      { type: 'quote', text, attribution: 'Someone' },
      { type: 'list', ordered: false, items: [text, 'plain'] },
    ];
    expect(roundTrip(blocks)).toEqual(blocks);
  });

  it('reads the marks as the delivery API does', () => {
    const paragraph = toDoc([{ type: 'paragraph', text: 'Plain [**_all three_**](https://example.org/) and _it_ **b**' }]).firstChild!;
    const runs = paragraph.content.content.map((node) => [
      node.text,
      node.marks.map((mark) => mark.type.name + (mark.attrs.href ? `=${mark.attrs.href}` : '')),
    ]);
    expect(runs).toEqual([
      ['Plain ', []],
      ['all three', ['link=https://example.org/', 'bold', 'italic']],
      [' and ', []],
      ['it', ['italic']],
      [' ', []],
      ['b', ['bold']],
    ]);
  });

  // Bodies of the demo stories (prisma/seed/demo-newsroom.ts), which does not export them.
  const SEED_BODIES: Block[][] = [
    [
      {
        type: 'paragraph',
        text: 'The NATO-led KFOR peacekeeping force said on Saturday it was setting up additional patrols in northern Kosovo after a spike in tensions between Belgrade and Pristina.',
      },
      {
        type: 'paragraph',
        text: 'Barricades have blocked roads near the border crossings of Jarinje and Brnjak for a week, and KFOR said it was "ready to intervene if stability is jeopardised".',
      },
      { type: 'image', mediaId: IMAGE, caption: 'KFOR soldiers at a checkpoint near Leposavic' },
      { type: 'related', articleId: STORY },
      { type: 'quote', text: 'We are following the situation closely and remain in contact with all sides.', attribution: 'KFOR spokesperson' },
      { type: 'paragraph', text: '_Reporting by Rade Reporter in Leposavic._' },
    ],
    [
      { type: 'audio', mediaId: AUDIO },
      { type: 'paragraph', text: 'In this episode: the view from Leposavic, and the diplomacy in New York.' },
    ],
    [
      { type: 'paragraph', text: 'Миротворческие силы KFOR под руководством НАТО в субботу заявили, что усиливают патрулирование на севере Косово.' },
      { type: 'paragraph', text: 'Баррикады уже неделю блокируют дороги у пограничных переходов Яринье и Брняк.' },
    ],
  ];

  it.each(SEED_BODIES.map((body, index) => [index, body] as const))('round-trips demo body %i', (_index, body) => {
    expect(roundTrip(body)).toEqual(body);
  });

  it('opens an empty body as one empty paragraph and saves it as no blocks, leaving out empty text blocks and list items', () => {
    expect(toDoc([]).toJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(toBlocks(toDoc([]))).toEqual([]);
    const { nodes } = schema;
    const doc = nodes.doc.create(null, [
      nodes.paragraph.create(null, schema.text('  ')),
      nodes.heading.create({ level: 2 }),
      nodes.bullet_list.create(null, [
        nodes.list_item.create(null, nodes.paragraph.create()),
        nodes.list_item.create(null, nodes.paragraph.create(null, schema.text('kept'))),
      ]),
      nodes.ordered_list.create(null, [nodes.list_item.create(null, nodes.paragraph.create())]),
    ]);
    expect(toBlocks(doc)).toEqual([{ type: 'list', ordered: false, items: ['kept'] }]);
  });

  it('writes marks made in the editor in the stored grammar, nesting link, bold, italic', () => {
    const { nodes, marks } = schema;
    const link = marks.link.create({ href: 'https://example.org/' });
    const doc = nodes.doc.create(null, [
      nodes.paragraph.create(null, [
        schema.text('Made '),
        schema.text('bold', [marks.bold.create()]),
        schema.text(', '),
        schema.text('both', [marks.bold.create(), marks.italic.create()]),
        schema.text(' and '),
        schema.text('linked ', [link]),
        schema.text('bold', [link, marks.bold.create()]),
        schema.text('.'),
      ]),
    ]);
    expect(toBlocks(doc)).toEqual([{ type: 'paragraph', text: 'Made **bold**, **_both_** and [linked **bold**](https://example.org/).' }]);
  });

  it('leaves off marks the grammar cannot say, so a save shows what readers get', () => {
    const runs: Run[] = [
      { text: 'mid' },
      { text: 'word', italic: true },
      { text: ' a*b', bold: true },
      { text: ' ' },
      { text: 'x', href: 'javascript:alert(1)' },
    ];
    expect(serializeInline(runs)).toBe('midword a*b x');
  });

  it('after one save, the text reads back the same on every later save (any runs of marks)', () => {
    const run = fc.record(
      {
        text: fc.stringMatching(/^[a b*_()[\].]{1,6}$/),
        bold: fc.constant(true as const),
        italic: fc.constant(true as const),
        href: fc.constantFrom('https://example.org/', 'https://example.net/x'),
      },
      { requiredKeys: ['text'] },
    );
    fc.assert(
      fc.property(fc.array(run, { maxLength: 6 }), (runs) => {
        const saved = parseInline(serializeInline(runs));
        expect(parseInline(serializeInline(saved))).toEqual(saved);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps word-bounded marks made in the editor exactly', () => {
    const word = fc.stringMatching(/^[a-z]{1,5}$/);
    const run = fc.record(
      { text: word, bold: fc.constant(true as const), italic: fc.constant(true as const), href: fc.constant('https://example.org/') },
      { requiredKeys: ['text'] },
    );
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 6 }), (runs) => {
        // Words separated by plain spaces: every mark sits on a word boundary.
        const spaced: Run[] = runs.flatMap((each, index) => (index ? [{ text: ' ' }, each] : [each]));
        const expected = parseInline(serializeInline(spaced));
        const joined = spaced.reduce<Run[]>((out, each) => {
          const last = out.at(-1);
          if (last && last.bold === each.bold && last.italic === each.italic && last.href === each.href) last.text += each.text;
          else out.push({ ...each });
          return out;
        }, []);
        expect(expected).toEqual(joined);
      }),
      { numRuns: 1000 },
    );
  });
});
