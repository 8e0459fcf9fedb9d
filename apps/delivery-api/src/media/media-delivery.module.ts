import { Module } from '@nestjs/common';
import { MediaModule } from '#content';
import { MediaRenditionController } from './media-rendition.controller.js';

/** Image renditions on the delivery API (/content/v1/media/:id/:width.:format). */
@Module({
  imports: [MediaModule],
  controllers: [MediaRenditionController],
})
export class MediaDeliveryModule {}
