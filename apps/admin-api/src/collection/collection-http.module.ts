import { Module } from '@nestjs/common';
import { TaxonomyModule } from '#content';
import { CollectionController } from './collection.controller.js';

/** Admin routes for curated lists (/admin/v1/collections). */
@Module({
  imports: [TaxonomyModule],
  controllers: [CollectionController],
})
export class CollectionHttpModule {}
