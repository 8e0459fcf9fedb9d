import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Real media files made in the tests: images from sharp, a JPEG carrying
 * IPTC IIM / XMP / EXIF (GPS) written here byte by byte, and tiny but
 * well-formed MP3, M4A and MP4 files.
 */

export function image(format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif', width = 1400, height = 900, colour = '#2a6f97'): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: colour } }).composite([
    // Some structure, so encoders do real work and crops are visible.
    {
      input: { create: { width: Math.max(1, Math.floor(width / 4)), height: Math.max(1, Math.floor(height / 4)), channels: 3, background: '#f2c14e' } },
      left: 0,
      top: 0,
    },
  ]);
  return base.toFormat(format).toBuffer();
}

export interface IptcFields {
  credit?: string;
  byline?: string;
  caption?: string;
  copyright?: string;
}

/** GPS position of the "photographer" written into EXIF (Leposavic, Kosovo). */
export const GPS = { latitude: 43.1, longitude: 20.8 };

/**
 * A JPEG with an IPTC IIM block (APP13, Photoshop IRB 0x0404) and EXIF with
 * GPS coordinates, optionally XMP too.
 */
export async function jpegWithMetadata(options: { iptc?: IptcFields; xmp?: string; width?: number; height?: number; colour?: string } = {}): Promise<Buffer> {
  let pipeline = sharp({ create: { width: options.width ?? 1400, height: options.height ?? 900, channels: 3, background: options.colour ?? '#7b2d26' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Dispatch Test Camera' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 6/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '20/1 48/1 0/1' },
    });
  if (options.xmp) pipeline = pipeline.withXmp(options.xmp);
  const jpeg = await pipeline.toBuffer();
  if (!options.iptc) return jpeg;
  return Buffer.concat([jpeg.subarray(0, 2), app13(options.iptc), jpeg.subarray(2)]);
}

/** An XMP packet with photoshop:Credit, dc:creator, dc:rights and dc:description. */
export function xmpPacket(fields: IptcFields): string {
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
    (fields.credit ? `<photoshop:Credit>${fields.credit}</photoshop:Credit>` : '') +
    (fields.byline ? `<dc:creator><rdf:Seq><rdf:li>${fields.byline}</rdf:li></rdf:Seq></dc:creator>` : '') +
    (fields.copyright ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${fields.copyright}</rdf:li></rdf:Alt></dc:rights>` : '') +
    (fields.caption ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${fields.caption}</rdf:li></rdf:Alt></dc:description>` : '') +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  );
}

/** APP13 segment: "Photoshop 3.0", one 8BIM resource 0x0404 holding IIM records (UTF-8 declared). */
function app13(fields: IptcFields): Buffer {
  const dataset = (record: number, tag: number, value: Buffer) => {
    const head = Buffer.from([0x1c, record, tag, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    return Buffer.concat([head, value]);
  };
  const text = (tag: number, value: string | undefined) => (value ? dataset(2, tag, Buffer.from(value, 'utf8')) : Buffer.alloc(0));
  const iim = Buffer.concat([
    dataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])), // coded character set: UTF-8
    dataset(2, 0, Buffer.from([0, 4])), // record version
    text(80, fields.byline), // By-line
    text(110, fields.credit), // Credit (Credit Line)
    text(116, fields.copyright), // Copyright Notice
    text(120, fields.caption), // Caption-Abstract
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iim.length);
  const resource = Buffer.concat([
    Buffer.from('8BIM'),
    Buffer.from([0x04, 0x04]),
    Buffer.from([0, 0]),
    size,
    iim,
    iim.length % 2 ? Buffer.from([0]) : Buffer.alloc(0),
  ]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const header = Buffer.from([0xff, 0xed, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, silent frames: about `seconds` long. */
export function mp3(seconds: number): Buffer {
  const frameBytes = 417; // 144 * 128000 / 44100, no padding
  const frames = Math.round((seconds * 44100) / 1152);
  const frame = Buffer.alloc(frameBytes);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => out.writeUInt32BE(value >>> 0, index * 4));
  return out;
}

const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

/** One track (`soun` with an AAC sample entry, or `vide`) `duration` units long. */
function track(id: number, handler: 'soun' | 'vide', timescale: number, duration: number): Buffer {
  const tkhd = box(
    'tkhd',
    u32(0x00000003, 0, 0, id, 0, duration),
    Buffer.alloc(8),
    Buffer.from([0, 0, 0, 0, handler === 'soun' ? 0x01 : 0, 0, 0, 0]),
    MATRIX,
    u32(handler === 'vide' ? 320 << 16 : 0, handler === 'vide' ? 180 << 16 : 0),
  );
  const mdhd = box('mdhd', u32(0, 0, 0, timescale, duration), Buffer.from([0x55, 0xc4, 0, 0]));
  const hdlr = box('hdlr', u32(0, 0), Buffer.from(handler, 'latin1'), u32(0, 0, 0), Buffer.from('handler\0', 'latin1'));
  const entry =
    handler === 'soun'
      ? box('mp4a', Buffer.alloc(6), Buffer.from([0, 1]), Buffer.alloc(8), Buffer.from([0, 2, 0, 16, 0, 0, 0, 0]), u32(44100 * 65536))
      : box(
          'avc1',
          Buffer.alloc(6),
          Buffer.from([0, 1]),
          Buffer.alloc(16),
          Buffer.from([1, 64, 0, 180]),
          u32(0x00480000, 0x00480000, 0),
          Buffer.from([0, 1]),
          Buffer.alloc(32),
          Buffer.from([0, 24, 0xff, 0xff]),
        );
  const stbl = box('stbl', box('stsd', u32(0, 1), entry), box('stts', u32(0, 0)), box('stsc', u32(0, 0)), box('stsz', u32(0, 0, 0)), box('stco', u32(0, 0)));
  return box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', stbl)));
}

/** An ISO-BMFF file (M4A or MP4) with a movie header and the given tracks, `seconds` long. */
function isoMedia(brand: string, handlers: ('soun' | 'vide')[], seconds: number): Buffer {
  const timescale = 1000;
  const duration = Math.round(seconds * timescale);
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32(0), Buffer.from(`${brand}mp42isom`, 'latin1'));
  const mvhd = box(
    'mvhd',
    u32(0, 0, 0, timescale, duration, 0x00010000),
    Buffer.from([0x01, 0x00]),
    Buffer.alloc(10),
    MATRIX,
    Buffer.alloc(24),
    u32(handlers.length + 1),
  );
  const moov = box('moov', mvhd, ...handlers.map((handler, index) => track(index + 1, handler, timescale, duration)));
  return Buffer.concat([ftyp, moov, box('mdat', Buffer.alloc(64))]);
}

export const m4a = (seconds: number) => isoMedia('M4A ', ['soun'], seconds);
export const mp4 = (seconds: number) => isoMedia('isom', ['vide', 'soun'], seconds);

/** Multipart upload helper over real HTTP. */
export async function upload(
  base: string,
  auth: { authorization: string },
  file: { bytes: Buffer; name: string; type: string } | null,
  fields: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the API sent
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(`${base}/media`, { method: 'POST', headers: auth, body: form });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/**
 * A PNG that declares `width`×`height` in its header but carries one tiny
 * row of data: enough for a reader of the header (upload), far too little
 * for a decoder. Lets a test send dimensions no encoder would make.
 */
export function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
