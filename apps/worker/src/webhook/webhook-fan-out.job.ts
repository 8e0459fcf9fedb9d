import { Injectable } from '@nestjs/common';
import { WebhookDeliveryService } from '#content';
import type { WorkerJob } from '../worker-job.js';

/** Outbox events → one pending delivery per matching subscription. */
@Injectable()
export class WebhookFanOutJob implements WorkerJob {
  readonly name = 'webhook-fan-out';

  constructor(private readonly webhooks: WebhookDeliveryService) {}

  runOnce(): Promise<number> {
    return this.webhooks.fanOut();
  }
}
