import { Injectable } from '@nestjs/common';
import { type Actor, DomainError, type Page } from '#common';
import { PrismaService, recordAudit, wakeWorkers } from '#database';
import { toWebhookAttemptView, toWebhookDeliveryView, type WebhookDeliveryView } from './webhook.mapper.js';
import { type DeliveryLogQuery, webhookRepository } from './webhook.repository.js';
import type { WebhookDeliveryWithAttempts } from './webhook.schema.js';

export type { DeliveryLogQuery };

/** The delivery log of one subscription, newest first, and redelivery on demand. */
@Injectable()
export class WebhookDeliveryLogService {
  constructor(private readonly prisma: PrismaService) {}

  async list(webhookId: string, query: DeliveryLogQuery): Promise<Page<WebhookDeliveryView>> {
    await this.assertWebhook(webhookId);
    return webhookRepository.deliveryPage(this.prisma, webhookId, query);
  }

  /** One delivery with every attempt, oldest first. */
  async get(webhookId: string, deliveryId: string): Promise<WebhookDeliveryWithAttempts> {
    const row = await webhookRepository.findDeliveryWithAttempts(this.prisma, webhookId, deliveryId);
    if (!row) throw DomainError.notFound('Delivery');
    return { ...toWebhookDeliveryView(row), attempts: row.attempts.map(toWebhookAttemptView) };
  }

  /**
   * Sends a finished delivery again, now, with the same X-Dispatch-Delivery
   * id (receivers that already processed it can skip it). Attempts keep
   * counting; one that had used up its retries gets one more attempt.
   */
  async redeliver(actor: Actor, webhookId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await webhookRepository.findDelivery(tx, webhookId, deliveryId);
      if (!row) throw DomainError.notFound('Delivery');
      if (row.status === 'pending') {
        throw new DomainError('conflict', `This delivery is still pending; its next attempt is due at ${row.nextAttemptAt.toISOString()}`);
      }
      const updated = await webhookRepository.requeueDelivery(tx, deliveryId);
      await recordAudit(tx, actor, {
        action: 'webhook.redelivered',
        entityType: 'webhook',
        entityId: webhookId,
        data: { deliveryId, previousStatus: row.status },
      });
      await wakeWorkers(tx, 'webhooks');
      return toWebhookDeliveryView(updated);
    });
  }

  private async assertWebhook(id: string): Promise<void> {
    if (!(await webhookRepository.exists(this.prisma, id))) throw DomainError.notFound('Webhook');
  }
}
