import { Module } from '@nestjs/common';
import { CollectionModule } from '#content';
import { CollectionController } from './collection.controller.js';

/** Admin routes for curated lists (/admin/v1/collections). */
@Module({
  imports: [CollectionModule],
  controllers: [CollectionController],
})
export class CollectionHttpModule {}
