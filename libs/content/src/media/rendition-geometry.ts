/**
 * Aspect ratios delivery crops to. A fixed list, so the number of stored
 * renditions per image stays bounded whatever URLs the public requests.
 */
export const RENDITION_ASPECTS = ['16x9', '4x3', '3x2', '1x1', '2x3', '3x4', '9x16', '21x9'] as const;
export type RenditionAspect = (typeof RENDITION_ASPECTS)[number];

export function isRenditionAspect(value: string): value is RenditionAspect {
  return (RENDITION_ASPECTS as readonly string[]).includes(value);
}

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The largest `aspect` (e.g. "16x9") rectangle inside a `width`×`height`
 * image, centred on the focal point (0–1 each way) as far as the edges allow.
 */
export function cropBox(width: number, height: number, aspect: RenditionAspect, focal: { x: number; y: number }): CropBox {
  const [w, h] = aspect.split('x').map(Number);
  const ratio = w / h;
  let cropWidth = width;
  let cropHeight = Math.round(width / ratio);
  if (cropHeight > height) {
    cropHeight = height;
    cropWidth = Math.min(width, Math.round(height * ratio));
  }
  cropWidth = Math.max(1, cropWidth);
  cropHeight = Math.max(1, cropHeight);
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  const left = clamp(Math.round(focal.x * width - cropWidth / 2), width - cropWidth);
  const top = clamp(Math.round(focal.y * height - cropHeight / 2), height - cropHeight);
  return { left, top, width: cropWidth, height: cropHeight };
}
