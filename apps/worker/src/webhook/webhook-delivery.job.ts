import { Injectable } from '@nestjs/common';
import { WebhookDeliveryService } from '#content';
import type { WorkerJob } from '../worker-job.js';

/** One attempt at each due delivery (signed POST, timeout, retry schedule). */
@Injectable()
export class WebhookDeliveryJob implements WorkerJob {
  readonly name = 'webhook-delivery';

  constructor(private readonly webhooks: WebhookDeliveryService) {}

  runOnce(): Promise<number> {
    return this.webhooks.deliverDue();
  }
}
