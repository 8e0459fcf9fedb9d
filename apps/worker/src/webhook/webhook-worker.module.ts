import { Module } from '@nestjs/common';

/** Webhook fan-out and delivery jobs for the worker. */
@Module({})
export class WebhookWorkerModule {}
