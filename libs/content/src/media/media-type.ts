/** What Dispatch accepts, recognised from the bytes alone (never the file name or Content-Type). */
export type MediaKindName = 'image' | 'audio' | 'video';

export interface SniffedType {
  kind: MediaKindName;
  mime: string;
  /** File extension used for the stored original. */
  ext: string;
}

/** Enough leading bytes to recognise every accepted format. */
export const SNIFF_BYTES = 64;

const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'] as const;
/** Image types sharp can decode for renditions. */
export const ACCEPTED_IMAGE_MIMES: readonly string[] = IMAGE_MIMES;

const MP4_AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const MP4_VIDEO_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'mmp4', 'f4v ', 'MSNV']);

/**
 * Recognises JPEG, PNG, GIF, WebP, AVIF, MP3, AAC (ADTS), M4A and MP4 from
 * their first bytes; anything else (HEIC, SVG, text, executables…) is null.
 */
export function sniffMediaType(head: Uint8Array): SniffedType | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const ascii = (start: number, end: number) => b.toString('latin1', start, end);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', mime: 'image/jpeg', ext: 'jpg' };
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: 'image', mime: 'image/png', ext: 'png' };
  }
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return { kind: 'image', mime: 'image/gif', ext: 'gif' };
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { kind: 'image', mime: 'image/webp', ext: 'webp' };
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') return isoBmff(b);
  if (b.length >= 10 && ascii(0, 3) === 'ID3' && b[3] <= 4 && b[5] !== undefined) return mp3AfterId3(b);
  if (b.length >= 4 && isMpegAudioFrame(b)) return { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' };
  if (b.length >= 7 && isAdtsFrame(b)) return { kind: 'audio', mime: 'audio/aac', ext: 'aac' };
  return null;
}

/** ISO base media (ftyp box): AVIF, M4A, MP4. The major and compatible brands decide. */
function isoBmff(b: Buffer): SniffedType | null {
  const boxSize = b.readUInt32BE(0);
  const end = Math.min(b.length, boxSize >= 16 ? boxSize : 16);
  const brands = [b.toString('latin1', 8, 12)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(b.toString('latin1', offset, offset + 4));
  if (brands.includes('avif') || brands.includes('avis')) return { kind: 'image', mime: 'image/avif', ext: 'avif' };
  if (MP4_AUDIO_BRANDS.has(brands[0])) return { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' };
  if (brands.some((brand) => MP4_VIDEO_BRANDS.has(brand))) return { kind: 'video', mime: 'video/mp4', ext: 'mp4' };
  if (brands.some((brand) => MP4_AUDIO_BRANDS.has(brand))) return { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' };
  return null;
}

/** An ID3v2 tag prefixes MP3 (and sometimes AAC); the frames after it are what count, but the tag alone is a strong signal. */
function mp3AfterId3(b: Buffer): SniffedType | null {
  const syncsafe = [b[6], b[7], b[8], b[9]];
  if (syncsafe.some((byte) => byte === undefined || byte > 0x7f)) return null;
  return { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' };
}

/** MPEG-1/2 audio layer III frame header: 11 sync bits, a valid layer, bitrate and sample rate. */
function isMpegAudioFrame(b: Buffer): boolean {
  if (b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return false;
  const version = (b[1] >> 3) & 0x3;
  const layer = (b[1] >> 1) & 0x3;
  const bitrate = (b[2] >> 4) & 0xf;
  const sampleRate = (b[2] >> 2) & 0x3;
  return version !== 1 && layer === 1 && bitrate !== 0 && bitrate !== 0xf && sampleRate !== 3;
}

/** AAC in ADTS framing: 12 sync bits, layer 0, a valid sampling index. */
function isAdtsFrame(b: Buffer): boolean {
  if (b[0] !== 0xff || (b[1] & 0xf6) !== 0xf0) return false;
  const samplingIndex = (b[2] >> 2) & 0xf;
  return samplingIndex < 13;
}
