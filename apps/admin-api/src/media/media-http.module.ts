import { Module } from '@nestjs/common';
import { MediaModule } from '#content';
import { MediaController } from './media.controller.js';

/** Admin routes of the media library (/admin/v1/media). */
@Module({
  imports: [MediaModule],
  controllers: [MediaController],
})
export class MediaHttpModule {}
