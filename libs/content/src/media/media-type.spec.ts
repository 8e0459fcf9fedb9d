import { sniffMediaType } from './media-type.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const ftyp = (major: string, ...compatible: string[]) => {
  const body = bytes(major, [0, 0, 0, 0], ...compatible);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 8);
  return Buffer.concat([size, Buffer.from('ftyp'), body, Buffer.alloc(32)]);
};

describe('sniffMediaType', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    ['GIF', bytes('GIF89a'), 'image/gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'image/avif'],
    ['AVIF by compatible brand', ftyp('mif1', 'avif'), 'image/avif'],
    ['M4A', ftyp('M4A ', 'mp42', 'isom'), 'audio/mp4'],
    ['MP4', ftyp('isom', 'iso2', 'avc1', 'mp41'), 'video/mp4'],
    ['MP3 with ID3', bytes('ID3', [4, 0, 0, 0, 0, 0, 10]), 'audio/mpeg'],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x00]), 'audio/mpeg'],
    ['AAC ADTS', bytes([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), 'audio/aac'],
  ])('recognises %s', (_name, head, mime) => {
    expect(sniffMediaType(head)?.mime).toBe(mime);
  });

  it.each([
    ['text', bytes('just some text pretending to be a photo')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['HEIC', ftyp('heic', 'mif1', 'heic')],
    ['PDF', bytes('%PDF-1.7')],
    ['ZIP', bytes('PK', [3, 4])],
    ['empty', Buffer.alloc(0)],
    ['a lone sync byte', bytes([0xff])],
  ])('refuses %s', (_name, head) => {
    expect(sniffMediaType(head)).toBeNull();
  });
});
