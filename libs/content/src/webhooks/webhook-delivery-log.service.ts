import { Injectable } from '@nestjs/common';
import { type Actor, decodeCursor, DomainError, type Page, toPage } from '#common';
import { PrismaService, type Prisma, recordAudit } from '#database';
import { toWebhookAttemptView, toWebhookDeliveryView, type WebhookDeliveryView } from './webhook.mapper.js';
import type { WebhookDeliveryWithAttempts } from './webhook.schema.js';
import { wakeWorkers } from './webhook-subscription.service.js';

export interface DeliveryLogQuery {
  limit: number;
  cursor?: string;
  status?: 'pending' | 'succeeded' | 'failed';
  eventType?: string;
}

/** The delivery log of one subscription, newest first, and redelivery on demand. */
@Injectable()
export class WebhookDeliveryLogService {
  constructor(private readonly prisma: PrismaService) {}

  async list(webhookId: string, query: DeliveryLogQuery): Promise<Page<WebhookDeliveryView>> {
    await this.assertWebhook(webhookId);
    const after = query.cursor ? decodeCursor(query.cursor, ['date', 'uuid']) : undefined;
    const where: Prisma.WebhookDeliveryWhereInput = {
      subscriptionId: webhookId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.eventType ? { eventType: query.eventType } : {}),
    };
    const rows = await this.prisma.webhookDelivery.findMany({
      where: after
        ? {
            AND: [
              where,
              { OR: [{ createdAt: { lt: new Date(after[0] as string) } }, { createdAt: new Date(after[0] as string), id: { lt: after[1] as string } }] },
            ],
          }
        : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], toWebhookDeliveryView);
  }

  /** One delivery with every attempt, oldest first. */
  async get(webhookId: string, deliveryId: string): Promise<WebhookDeliveryWithAttempts> {
    const row = await this.prisma.webhookDelivery.findFirst({
      where: { id: deliveryId, subscriptionId: webhookId },
      include: { attempts: { orderBy: { number: 'asc' } } },
    });
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
      const row = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, subscriptionId: webhookId } });
      if (!row) throw DomainError.notFound('Delivery');
      if (row.status === 'pending') {
        throw new DomainError('conflict', `This delivery is still pending; its next attempt is due at ${row.nextAttemptAt.toISOString()}`);
      }
      const updated = await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'pending', nextAttemptAt: new Date(), lockedUntil: null } });
      await recordAudit(tx, actor, {
        action: 'webhook.redelivered',
        entityType: 'webhook',
        entityId: webhookId,
        data: { deliveryId, previousStatus: row.status },
      });
      await wakeWorkers(tx);
      return toWebhookDeliveryView(updated);
    });
  }

  private async assertWebhook(id: string): Promise<void> {
    if ((await this.prisma.webhookSubscription.count({ where: { id } })) === 0) throw DomainError.notFound('Webhook');
  }
}
