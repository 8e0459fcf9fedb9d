import type { Page } from '#common';
import { type Db, keysetPage, newestFirst, type Prisma, type WebhookAttempt, type WebhookDelivery, type WebhookSubscription } from '#database';
import { WEBHOOK_PING_EVENT } from './webhook-event.js';
import { toWebhookDeliveryView, toWebhookView, type WebhookDeliveryView, type WebhookView } from './webhook.mapper.js';

/** Filters of a subscription's delivery log. */
export interface DeliveryLogQuery {
  limit: number;
  cursor?: string;
  status?: 'pending' | 'succeeded' | 'failed';
  eventType?: string;
}

/** The columns an admin may set on a subscription. */
export interface WebhookSubscriptionData {
  url?: string;
  events?: string[];
  description?: string;
  active?: boolean;
  secret?: string;
}

/**
 * Webhook subscriptions and their delivery log as the admin API sees them.
 * (The worker's queue over the same tables: webhook-delivery.repository.ts.)
 */
export const webhookRepository = {
  /** Subscriptions, newest first. */
  async page(db: Db, query: { limit: number; cursor?: string }): Promise<Page<WebhookView>> {
    return keysetPage<WebhookSubscription, WebhookView, Prisma.WebhookSubscriptionWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: newestFirst('createdAt', (row) => row.createdAt),
      find: (args) => db.webhookSubscription.findMany(args),
      map: toWebhookView,
    });
  },

  async find(db: Db, id: string): Promise<WebhookSubscription | null> {
    return db.webhookSubscription.findUnique({ where: { id } });
  },

  async exists(db: Db, id: string): Promise<boolean> {
    return (await db.webhookSubscription.count({ where: { id } })) > 0;
  },

  async create(db: Db, data: Required<Omit<WebhookSubscriptionData, 'secret'>> & { secret: string }): Promise<WebhookSubscription> {
    return db.webhookSubscription.create({ data });
  },

  /** Sets the given columns (undefined ones stay as they are). */
  async update(db: Db, id: string, data: WebhookSubscriptionData): Promise<WebhookSubscription> {
    return db.webhookSubscription.update({ where: { id }, data });
  },

  /** Lifts a pause and forgets the failures that led to it. */
  async resume(db: Db, id: string): Promise<WebhookSubscription> {
    return db.webhookSubscription.update({ where: { id }, data: { pausedAt: null, consecutiveFailures: 0 } });
  },

  /** Deletes the subscription; its deliveries and attempts go with it. */
  async delete(db: Db, id: string): Promise<void> {
    await db.webhookSubscription.delete({ where: { id } });
  },

  /** A `webhook.ping` event (already dispatched, so fan-out skips it) and its one delivery, to this subscription only. */
  async queuePing(db: Db, subscription: Pick<WebhookSubscription, 'id' | 'url'>): Promise<WebhookDelivery> {
    const event = await db.outboxEvent.create({
      data: { type: WEBHOOK_PING_EVENT, data: { webhookId: subscription.id, url: subscription.url }, dispatchedAt: new Date() },
    });
    return db.webhookDelivery.create({ data: { subscriptionId: subscription.id, eventId: event.id, eventType: event.type } });
  },

  /** One subscription's delivery log, newest first. */
  async deliveryPage(db: Db, subscriptionId: string, query: DeliveryLogQuery): Promise<Page<WebhookDeliveryView>> {
    return keysetPage<WebhookDelivery, WebhookDeliveryView, Prisma.WebhookDeliveryWhereInput>({
      limit: query.limit,
      cursor: query.cursor,
      keys: newestFirst('createdAt', (row) => row.createdAt),
      filters: [{ subscriptionId }, query.status && { status: query.status }, !!query.eventType && { eventType: query.eventType }],
      find: (args) => db.webhookDelivery.findMany(args),
      map: toWebhookDeliveryView,
    });
  },

  async findDelivery(db: Db, subscriptionId: string, deliveryId: string): Promise<WebhookDelivery | null> {
    return db.webhookDelivery.findFirst({ where: { id: deliveryId, subscriptionId } });
  },

  /** A delivery with every attempt, oldest first. */
  async findDeliveryWithAttempts(db: Db, subscriptionId: string, deliveryId: string): Promise<(WebhookDelivery & { attempts: WebhookAttempt[] }) | null> {
    return db.webhookDelivery.findFirst({
      where: { id: deliveryId, subscriptionId },
      include: { attempts: { orderBy: { number: 'asc' } } },
    });
  },

  /** Makes a finished delivery due again now. */
  async requeueDelivery(db: Db, deliveryId: string): Promise<WebhookDelivery> {
    return db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'pending', nextAttemptAt: new Date(), lockedUntil: null } });
  },
};
