/** Widths images are served at (never wider than the original). */
export const RENDITION_WIDTHS = [320, 640, 960, 1280, 1920, 2560] as const;
export const RENDITION_FORMATS = ['webp', 'avif', 'jpeg'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];

/** The ladder for an image `originalWidth` wide: every step up to the original. */
export function renditionWidths(originalWidth: number | null | undefined): number[] {
  if (!originalWidth || originalWidth <= 0) return [];
  const steps = RENDITION_WIDTHS.filter((width) => width <= originalWidth);
  return steps.length > 0 ? steps : [RENDITION_WIDTHS[0]].filter((width) => width <= originalWidth);
}

/** Path of a rendition on the delivery API (relative to its origin). */
export function renditionPath(mediaId: string, width: number, format: RenditionFormat): string {
  return `/content/v1/media/${mediaId}/${width}.${format}`;
}
