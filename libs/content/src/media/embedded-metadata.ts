import exifr from 'exifr';

/** Editorial facts read from a file's IPTC IIM, XMP and EXIF blocks. Empty when absent. */
export interface EmbeddedMetadata {
  caption: string;
  credit: string;
  creator: string;
  copyrightNotice: string;
  usageTerms: string;
  digitalSourceType: string | null;
}

type Segment = Record<string, unknown> | undefined;

/**
 * Reads embedded metadata from an image file. Precedence per field: IPTC IIM
 * (what agencies fill), then XMP, then EXIF. Unreadable or missing blocks are
 * not an error: the editor fills the fields by hand.
 */
export async function readEmbeddedMetadata(path: string): Promise<EmbeddedMetadata> {
  let raw: Record<string, Segment>;
  try {
    raw = ((await exifr.parse(path, {
      tiff: true,
      ifd0: { pick: ['ImageDescription', 'Artist', 'Copyright'] },
      exif: false,
      gps: false,
      interop: false,
      ifd1: false,
      iptc: true,
      xmp: true,
      icc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: false,
      reviveValues: true,
    })) ?? {}) as Record<string, Segment>;
  } catch {
    raw = {};
  }
  return fromSegments(raw);
}

/** The precedence rules, separated from file reading so they can be tested directly. */
export function fromSegments(raw: Record<string, Segment>): EmbeddedMetadata {
  const iptc = Object.fromEntries(Object.entries(raw.iptc ?? {}).map(([key, value]) => [key, typeof value === 'string' ? iimText(value) : value]));
  const ifd0 = raw.ifd0 ?? {};
  const dc = raw.dc ?? {};
  const photoshop = raw.photoshop ?? {};
  const xmpRights = raw.xmpRights ?? {};
  const iptcExt = raw.Iptc4xmpExt ?? {};
  const first = (...values: unknown[]) => values.map(text).find((value) => value !== '') ?? '';
  const sourceType = first(iptcExt.DigitalSourceType, iptc.DigitalSourceType);
  return {
    caption: first(iptc.Caption, dc.description, ifd0.ImageDescription),
    credit: first(iptc.Credit, photoshop.Credit, iptc.Source, photoshop.Source),
    creator: first(iptc.Byline, dc.creator, ifd0.Artist),
    copyrightNotice: first(iptc.CopyrightNotice, dc.rights, ifd0.Copyright),
    usageTerms: first(xmpRights.UsageTerms),
    digitalSourceType: sourceType === '' ? null : sourceType.slice(0, 500),
  };
}

/** Flattens exifr's shapes (strings, arrays of names, `{lang, value}` alternatives) to one clean line. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return stripControl(value).replace(/\s+/g, ' ').trim().slice(0, 2000);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('value' in record) return text(record.value);
  }
  return '';
}

/**
 * exifr decodes IIM text as Latin-1, but agencies write UTF-8 (declared in
 * record 1:90). Bytes that form valid UTF-8 are read as UTF-8.
 */
export function iimText(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || [...value].some((char) => char.charCodeAt(0) > 0xff)) return value;
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? value : utf8;
}

/** Drops control characters (NULs pad IIM fields; others have no place in a caption). */
export function stripControl(value: string): string {
  return [...value].filter((char) => char.charCodeAt(0) >= 0x20 || char === '\t' || char === '\n').join('');
}
