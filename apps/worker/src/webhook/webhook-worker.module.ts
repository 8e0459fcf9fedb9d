import { Module } from '@nestjs/common';
import { WebhookDeliveryService } from '#content';
import { WebhookDeliveryJob } from './webhook-delivery.job.js';
import { WebhookFanOutJob } from './webhook-fan-out.job.js';

/** Webhook fan-out and delivery jobs for the worker. */
@Module({
  providers: [WebhookDeliveryService, WebhookFanOutJob, WebhookDeliveryJob],
  exports: [WebhookFanOutJob, WebhookDeliveryJob],
})
export class WebhookWorkerModule {}
