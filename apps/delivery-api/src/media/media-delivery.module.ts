import { Module } from '@nestjs/common';
import { DeliveryModule } from '#content';
import { MediaRenditionController } from './media-rendition.controller.js';

/** Media on the delivery API: image renditions and audio/video originals (/content/v1/media/:id/…). */
@Module({
  imports: [DeliveryModule],
  controllers: [MediaRenditionController],
})
export class MediaDeliveryModule {}
