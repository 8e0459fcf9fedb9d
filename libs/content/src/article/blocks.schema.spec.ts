import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { BlockSchema } from './blocks.schema.js';
import { validateBlocks } from './blocks.js';

const id = '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// The discriminator only helps generators; `oneOf` over closed members decides on its own.
const { discriminator: _discriminator, ...union } = BlockSchema as unknown as Record<string, unknown>;
const schemaAccepts = ajv.compile(union);

/** The schema the documents publish and the validator the API runs agree, block by block. */
describe('Block schema', () => {
  it.each([
    { type: 'paragraph', text: 'The **KFOR** force _reinforces_ [patrols](https://example.org).' },
    { type: 'heading', level: 3, text: 'Background' },
    { type: 'image', mediaId: id },
    { type: 'image', mediaId: id, caption: '' },
    { type: 'quote', text: 'We are ready.', attribution: 'A spokesperson' },
    { type: 'list', ordered: true, items: ['one'] },
    { type: 'embed', url: 'https://www.youtube.com/watch?v=x', provider: 'youtube' },
    { type: 'related', articleId: id },
    { type: 'audio', mediaId: id },
  ])('accepts what the validator accepts: %j', (block) => {
    expect(validateBlocks([block])).toEqual([]);
    expect(schemaAccepts(block)).toBe(true);
  });

  it.each([
    { type: 'paragraph', text: '' },
    { type: 'paragraph', text: 'x', extra: 1 },
    { type: 'heading', level: 1, text: 'x' },
    { type: 'heading', level: 2, text: 'x'.repeat(501) },
    { type: 'image', mediaId: 'not-a-uuid' },
    { type: 'quote', text: 'x', attribution: 'x'.repeat(501) },
    { type: 'list', ordered: 'yes', items: ['x'] },
    { type: 'list', ordered: false, items: [] },
    { type: 'embed' },
    { type: 'related', articleId: 7 },
    { type: 'video', mediaId: id },
    { text: 'no type' },
  ])('refuses what the validator refuses: %j', (block) => {
    expect(validateBlocks([block])).not.toEqual([]);
    expect(schemaAccepts(block)).toBe(false);
  });
});
