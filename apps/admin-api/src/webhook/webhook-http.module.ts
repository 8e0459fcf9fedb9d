import { Module } from '@nestjs/common';
import { WebhookDeliveryLogService, WebhookSubscriptionService } from '#content';
import { WebhookController } from './webhook.controller.js';

/** Admin routes for outgoing webhooks (/admin/v1/webhooks). */
@Module({
  controllers: [WebhookController],
  providers: [WebhookSubscriptionService, WebhookDeliveryLogService],
})
export class WebhookHttpModule {}
