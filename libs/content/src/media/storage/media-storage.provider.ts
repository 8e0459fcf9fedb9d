import type { Provider } from '@nestjs/common';
import { DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { LocalMediaStorage } from './local-media-storage.js';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage.js';
import { S3MediaStorage } from './s3-media-storage.js';

/** The storage driver chosen by configuration (MEDIA_STORAGE=local|s3). */
export function createMediaStorage(config: DispatchConfig['media']): MediaStorage {
  if (config.storage === 's3') {
    if (!config.s3) throw new Error('MEDIA_STORAGE=s3 needs the S3_* settings');
    return new S3MediaStorage(config.s3);
  }
  return new LocalMediaStorage(config.dir);
}

export const mediaStorageProvider: Provider = {
  provide: MEDIA_STORAGE,
  inject: [DISPATCH_CONFIG],
  useFactory: (config: DispatchConfig) => createMediaStorage(config.media),
};
