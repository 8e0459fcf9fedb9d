import { Module } from '@nestjs/common';

/** Image renditions on the delivery API (/content/v1/media/:id/:width.:format). */
@Module({})
export class MediaDeliveryModule {}
