import sharp from 'sharp';

/**
 * Placeholder media for the demo newsroom, made here rather than downloaded:
 * a landscape "photo" and a silent MP3 of a given length.
 */
export async function placeholderPhoto(width: number, height: number, hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue},45%,70%)"/><stop offset="1" stop-color="hsl(${hue + 20},35%,88%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <path d="M0 ${height * 0.72} L${width * 0.25} ${height * 0.55} L${width * 0.5} ${height * 0.68} L${width * 0.78} ${height * 0.5} L${width} ${height * 0.66} V${height} H0 Z" fill="hsl(${hue + 90},25%,35%)"/>
    <rect x="${width * 0.42}" y="${height * 0.6}" width="${width * 0.16}" height="${height * 0.18}" fill="hsl(30,10%,30%)"/>
    <rect x="${width * 0.47}" y="${height * 0.52}" width="${width * 0.06}" height="${height * 0.08}" fill="hsl(30,10%,22%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/**
 * Silent MPEG-2 Layer III audio (mono, 24 kHz, 8 kbit/s): 24-byte frames of
 * 576 samples, i.e. 24 ms each, so a 29:13 episode is about 1.75 MB.
 */
export function silentMp3(seconds: number): Buffer {
  const frameBytes = 24;
  const frames = Math.ceil(seconds / 0.024);
  const frame = Buffer.alloc(frameBytes);
  frame.set([0xff, 0xf3, 0x14, 0xc0]);
  const out = Buffer.alloc(frames * frameBytes);
  for (let i = 0; i < frames; i++) frame.copy(out, i * frameBytes);
  return out;
}
