import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module.js';
import { DeliveryReader } from './delivery-reader.js';
import { FeedReader } from './feed-reader.js';
import { MediaAccess } from './media-access.js';
import { MediaCache } from './media-cache.js';
import { PreviewReader } from './preview-reader.js';
import { PublicMediaService } from './public-media.service.js';
import { SyncReader } from './sync-reader.js';
import { TaxonomyCache } from './taxonomy-cache.js';

/** Read-only services over the live read model, for the delivery API. */
@Module({
  imports: [MediaModule],
  providers: [TaxonomyCache, MediaCache, MediaAccess, DeliveryReader, FeedReader, SyncReader, PreviewReader, PublicMediaService],
  exports: [TaxonomyCache, MediaCache, MediaAccess, DeliveryReader, FeedReader, SyncReader, PreviewReader, PublicMediaService],
})
export class DeliveryModule {}
