import { Module } from '@nestjs/common';
import { DeliveryModule } from '#content';
import { MediaFileController } from './media-file.controller.js';

/** Media on the delivery API: image renditions and audio/video originals (/content/v1/media/:id/…). */
@Module({
  imports: [DeliveryModule],
  controllers: [MediaFileController],
})
export class MediaDeliveryModule {}
