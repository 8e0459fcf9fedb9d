/** Widths images are served at (never wider than the original). */
export const RENDITION_WIDTHS = [320, 640, 960, 1280, 1920, 2560] as const;
export const RENDITION_FORMATS = ['webp', 'avif', 'jpeg'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];

/**
 * The ladder for an image `originalWidth` wide: every step below the
 * original, then the original's own width when the ladder's top step
 * (2560) allows it — a 1600 px photo is offered at 1600, not only 1280.
 * One extra width per image (and per crop): storage stays bounded.
 */
export function renditionWidths(originalWidth: number | null | undefined): number[] {
  if (!originalWidth || originalWidth <= 0 || !Number.isInteger(originalWidth)) return [];
  const steps: number[] = RENDITION_WIDTHS.filter((width) => width < originalWidth);
  const top = RENDITION_WIDTHS.at(-1)!;
  return originalWidth <= top ? [...steps, originalWidth] : steps;
}

/** The height of a rendition `width` px wide of a `sourceWidth`×`sourceHeight` image (or crop), as the encoder rounds it. */
export function renditionHeight(width: number, sourceWidth: number, sourceHeight: number): number {
  return Math.max(1, Math.round((width * sourceHeight) / sourceWidth));
}

/** Path of a rendition on the delivery API (relative to its origin). */
export function renditionPath(mediaId: string, width: number, format: RenditionFormat): string {
  return `/content/v1/media/${mediaId}/${width}.${format}`;
}
