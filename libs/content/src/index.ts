export { assertSafeKey, contentKey, MEDIA_STORAGE } from './media/storage/media-storage.js';
export type { MediaStorage } from './media/storage/media-storage.js';
export { LocalMediaStorage } from './media/storage/local-media-storage.js';
