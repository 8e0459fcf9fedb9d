import { Module } from '@nestjs/common';
import { MediaFileService } from './media-file.service.js';
import { MediaIngestService } from './media-ingest.service.js';
import { MediaLibraryService } from './media-library.service.js';
import { MediaRenditionService } from './media-rendition.service.js';
import { MEDIA_STORAGE } from './storage/media-storage.js';
import { mediaStorageProvider } from './storage/media-storage.provider.js';

/**
 * The media library: storage driver (by configuration), uploads, the library
 * and renditions. Needs ConfigModule and DatabaseModule (both global).
 */
@Module({
  providers: [mediaStorageProvider, MediaFileService, MediaIngestService, MediaLibraryService, MediaRenditionService],
  exports: [MEDIA_STORAGE, MediaFileService, MediaIngestService, MediaLibraryService, MediaRenditionService],
})
export class MediaModule {}
