import { Module } from '@nestjs/common';
import { TaxonomyModule } from '#content';
import { TranslationController } from './translation.controller.js';

/** Admin routes for linking language editions. */
@Module({
  imports: [TaxonomyModule],
  controllers: [TranslationController],
})
export class TranslationHttpModule {}
