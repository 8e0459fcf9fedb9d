import { Module } from '@nestjs/common';
import { DeliveryModule } from '#content';
import { CacheInvalidationService } from '../http/cache-invalidation.service.js';
import { DeliveryResponder } from '../http/delivery-responder.js';
import { DeliveryMetrics } from '../http/delivery-metrics.js';
import { ArticleController } from './article.controller.js';
import { FeedController } from './feed.controller.js';
import { PreviewController } from './preview.controller.js';
import { SyncController } from './sync.controller.js';
import { TaxonomyController } from './taxonomy.controller.js';
import { TaxonomyLookup } from './taxonomy-lookup.js';

/** The delivery API's content routes: articles, search, taxonomy, collections, feeds, sitemaps, sync, preview. */
@Module({
  imports: [DeliveryModule],
  controllers: [ArticleController, TaxonomyController, FeedController, SyncController, PreviewController],
  providers: [DeliveryResponder, TaxonomyLookup, CacheInvalidationService, DeliveryMetrics],
})
export class ContentHttpModule {}
