import { Module } from '@nestjs/common';
import { WebhookDeliveryService } from '#content';
import { WebhookDeliveryJob } from './webhook-delivery.job.js';
import { WebhookFanOutJob } from './webhook-fan-out.job.js';
import { WebhookMetrics } from './webhook-metrics.js';

/** Webhook fan-out and delivery jobs for the worker. */
@Module({
  providers: [WebhookDeliveryService, WebhookFanOutJob, WebhookDeliveryJob, WebhookMetrics],
  exports: [WebhookFanOutJob, WebhookDeliveryJob],
})
export class WebhookWorkerModule {}
