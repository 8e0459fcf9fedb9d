import { Inject, Injectable } from '@nestjs/common';
import { type Actor, DISPATCH_CONFIG, type DispatchConfig, DomainError, type Page } from '#common';
import { type Db, PrismaService, recordAudit, wakeWorkers, type WebhookSubscription } from '#database';
import { WEBHOOK_EVENT_TYPES } from './webhook-event.js';
import { toWebhookDeliveryView, toWebhookView, type WebhookDeliveryView, type WebhookView } from './webhook.mapper.js';
import { webhookRepository } from './webhook.repository.js';
import type { WebhookWithSecret } from './webhook.schema.js';
import { newWebhookSecret } from './webhook-signature.js';
import { WebhookTargetError, WebhookUrlGuard } from './webhook-url-guard.js';

export interface CreateWebhookInput {
  url: string;
  events?: string[];
  description?: string;
  /** Given by the admin, or generated. */
  secret?: string;
  active?: boolean;
}

export interface UpdateWebhookInput {
  url?: string;
  events?: string[];
  description?: string;
  active?: boolean;
}

/** Secrets are shown in these responses only. */
export type { WebhookWithSecret };

export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/** Outgoing webhook subscriptions: CRUD, secrets, resume, test ping (admin only). */
@Injectable()
export class WebhookSubscriptionService {
  private readonly guard: WebhookUrlGuard;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(DISPATCH_CONFIG) config: DispatchConfig,
  ) {
    this.guard = new WebhookUrlGuard(config.webhooks.allowHosts);
  }

  async list(query: { limit: number; cursor?: string }): Promise<Page<WebhookView>> {
    return webhookRepository.page(this.prisma, query);
  }

  async get(id: string): Promise<WebhookView> {
    return toWebhookView(await this.find(this.prisma, id));
  }

  async create(actor: Actor, input: CreateWebhookInput): Promise<WebhookWithSecret> {
    const url = await this.checkUrl(input.url);
    const events = checkEvents(input.events ?? []);
    const secret = input.secret ?? newWebhookSecret();
    checkSecret(secret);
    return this.prisma.$transaction(async (tx) => {
      const row = await webhookRepository.create(tx, { url, events, secret, description: input.description?.trim() ?? '', active: input.active ?? true });
      await recordAudit(tx, actor, { action: 'webhook.created', entityType: 'webhook', entityId: row.id, data: { url, events, active: row.active } });
      return { ...toWebhookView(row), secret };
    });
  }

  async update(actor: Actor, id: string, input: UpdateWebhookInput): Promise<WebhookView> {
    const url = input.url === undefined ? undefined : await this.checkUrl(input.url);
    const events = input.events === undefined ? undefined : checkEvents(input.events);
    return this.prisma.$transaction(async (tx) => {
      await this.find(tx, id);
      const row = await webhookRepository.update(tx, id, { url, events, description: input.description?.trim(), active: input.active });
      const changed = Object.fromEntries(
        Object.entries({ url, events, active: input.active, description: input.description }).filter(([, value]) => value !== undefined),
      );
      await recordAudit(tx, actor, { action: 'webhook.updated', entityType: 'webhook', entityId: id, data: changed });
      return toWebhookView(row);
    });
  }

  /** Deletes the subscription with its delivery log. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const row = await this.find(tx, id);
      await webhookRepository.delete(tx, id);
      await recordAudit(tx, actor, { action: 'webhook.deleted', entityType: 'webhook', entityId: id, data: { url: row.url } });
    });
  }

  /** Replaces the secret (given or generated); attempts from now on are signed with the new one. */
  async rotateSecret(actor: Actor, id: string, given?: string): Promise<WebhookWithSecret> {
    const secret = given ?? newWebhookSecret();
    checkSecret(secret);
    return this.prisma.$transaction(async (tx) => {
      await this.find(tx, id);
      const row = await webhookRepository.update(tx, id, { secret });
      await recordAudit(tx, actor, { action: 'webhook.secret_rotated', entityType: 'webhook', entityId: id });
      return { ...toWebhookView(row), secret };
    });
  }

  /** Lifts a pause after repeated failures; deliveries held meanwhile go out now. */
  async resume(actor: Actor, id: string): Promise<WebhookView> {
    return this.prisma.$transaction(async (tx) => {
      const before = await this.find(tx, id);
      const row = await webhookRepository.resume(tx, id);
      await recordAudit(tx, actor, {
        action: 'webhook.resumed',
        entityType: 'webhook',
        entityId: id,
        data: { pausedAt: before.pausedAt?.toISOString() ?? null },
      });
      await wakeWorkers(tx, 'webhooks');
      return toWebhookView(row);
    });
  }

  /**
   * Queues a `webhook.ping` to this subscription only (one attempt, even when
   * inactive or paused); its outcome shows in the delivery log.
   */
  async ping(actor: Actor, id: string): Promise<WebhookDeliveryView> {
    return this.prisma.$transaction(async (tx) => {
      const subscription = await this.find(tx, id);
      const delivery = await webhookRepository.queuePing(tx, subscription);
      await recordAudit(tx, actor, { action: 'webhook.pinged', entityType: 'webhook', entityId: id, data: { deliveryId: delivery.id } });
      await wakeWorkers(tx, 'webhooks');
      return toWebhookDeliveryView(delivery);
    });
  }

  private async find(db: Db, id: string): Promise<WebhookSubscription> {
    const row = await webhookRepository.find(db, id);
    if (!row) throw DomainError.notFound('Webhook');
    return row;
  }

  private async checkUrl(raw: string): Promise<string> {
    try {
      return (await this.guard.check(raw.trim())).toString();
    } catch (error) {
      if (error instanceof WebhookTargetError) throw DomainError.validation([{ path: 'url', message: error.message }]);
      throw error;
    }
  }
}

function checkEvents(events: string[]): string[] {
  const known = new Set<string>(WEBHOOK_EVENT_TYPES);
  const errors = events.flatMap((type, index) =>
    known.has(type) ? [] : [{ path: `events[${index}]`, message: `unknown event type; one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }],
  );
  if (errors.length > 0) throw DomainError.validation(errors);
  return [...new Set(events)];
}

function checkSecret(secret: string): void {
  if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    throw DomainError.validation([{ path: 'secret', message: `must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters` }]);
  }
}
