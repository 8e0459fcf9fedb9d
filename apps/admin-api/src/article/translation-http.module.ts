import { Module } from '@nestjs/common';
import { EditionModule } from '#content';
import { TranslationController } from './translation.controller.js';

/** Admin routes for linking language editions. */
@Module({
  imports: [EditionModule],
  controllers: [TranslationController],
})
export class TranslationHttpModule {}
