import { Module } from '@nestjs/common';
import { DeliveryReader } from './delivery-reader.js';
import { MediaCache } from './media-cache.js';
import { PreviewReader } from './preview-reader.js';
import { SyncReader } from './sync-reader.js';
import { TaxonomyCache } from './taxonomy-cache.js';

/** Read-only services over the live read model, for the delivery API. */
@Module({
  providers: [TaxonomyCache, MediaCache, DeliveryReader, SyncReader, PreviewReader],
  exports: [TaxonomyCache, MediaCache, DeliveryReader, SyncReader, PreviewReader],
})
export class DeliveryModule {}
