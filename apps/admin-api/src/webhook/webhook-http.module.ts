import { Module } from '@nestjs/common';

/** Admin routes for outgoing webhooks (/admin/v1/webhooks). */
@Module({})
export class WebhookHttpModule {}
