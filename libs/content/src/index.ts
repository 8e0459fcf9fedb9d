export { assertSafeKey, contentKey, MEDIA_STORAGE } from './media/storage/media-storage.js';
export type { MediaStorage } from './media/storage/media-storage.js';
export { LocalMediaStorage } from './media/storage/local-media-storage.js';
export { creditLine, isCredited } from './media/credit-line.js';
export { RENDITION_FORMATS, RENDITION_WIDTHS, renditionPath, renditionWidths } from './media/renditions.js';
export type { RenditionFormat } from './media/renditions.js';
export { BLOCK_TYPES, blockImageIds, blockMediaIds, blockRelatedIds, validateBlocks } from './articles/blocks.js';
export type { Block } from './articles/blocks.js';
export type { SnapshotDocument, SnapshotSummary } from './publishing/snapshot.types.js';
