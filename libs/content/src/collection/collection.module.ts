import { Module } from '@nestjs/common';
import { CollectionService } from './collection.service.js';

/** Curated rails (Top stories, Features): ordered lists of articles. */
@Module({ providers: [CollectionService], exports: [CollectionService] })
export class CollectionModule {}
