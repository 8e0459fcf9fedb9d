import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { PrismaService } from '#database';
import { afterFailure } from './webhook-backoff.js';
import { type AttemptOutcome, type ClaimedDelivery, webhookDeliveryRepository } from './webhook-delivery.repository.js';
import { WEBHOOK_PING_EVENT, webhookBody } from './webhook-event.js';
import { sendWebhook, type WebhookResult } from './webhook-sender.js';
import { signWebhookBody } from './webhook-signature.js';
import { WebhookUrlGuard } from './webhook-url-guard.js';

/**
 * The worker's side of webhooks: fans outbox events out to matching
 * subscriptions, then makes due delivery attempts. Safe with any number of
 * workers: rows are taken with FOR UPDATE SKIP LOCKED, and an attempt holds
 * a lease (`locked_until`) so a worker that dies mid-attempt only delays it.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly guard: WebhookUrlGuard;
  /** Attempts under way in this process; they run beside the worker loop, not in it. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Delivery attempts made by this process, by outcome; plain counters for the metrics. */
  readonly attempts = { succeeded: 0, failed: 0 };
  /** Deliveries given up on after their last allowed attempt. */
  givenUp = 0;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {
    this.guard = new WebhookUrlGuard(config.webhooks.allowHosts);
  }

  /**
   * Turns undispatched outbox events into one pending delivery per matching
   * active subscription (empty filter = every event), in one transaction.
   * Returns how many events it handled.
   */
  async fanOut(limit = 100): Promise<number> {
    return this.inTransaction(async (client) => {
      const ids = await webhookDeliveryRepository.lockUndispatchedEvents(client, limit);
      if (ids.length === 0) return 0;
      await webhookDeliveryRepository.fanOut(client, ids, WEBHOOK_PING_EVENT);
      return ids.length;
    });
  }

  /**
   * Claims due deliveries and starts one attempt at each, keeping at most
   * `maxInFlight` attempts under way in this process; returns how many it
   * started. Attempts run in the background so a slow receiver (up to the
   * timeout) does not hold up the worker's other jobs.
   */
  async deliverDue(maxInFlight = 10): Promise<number> {
    const room = maxInFlight - this.inFlight.size;
    if (room <= 0) return 0;
    const claimed = await this.claim(room);
    for (const delivery of claimed) {
      const running: Promise<void> = this.attempt(delivery)
        .catch((error: unknown) => {
          // The lease runs out and the attempt is made again: at least once.
          this.logger.warn(`delivery ${delivery.id} not recorded: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }
    return claimed.length;
  }

  /** Resolves when every attempt started so far has finished (and been recorded). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.idle();
  }

  /** How long an attempt may hold a delivery: well past the HTTP timeout. */
  private get leaseMs(): number {
    return this.config.webhooks.timeoutMs * 2 + 5000;
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    return webhookDeliveryRepository.claim(this.prisma.pool, limit, this.leaseMs, WEBHOOK_PING_EVENT);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const number = delivery.attempt + 1;
    const body = webhookBody({ id: delivery.eventId, type: delivery.eventType, occurredAt: delivery.occurredAt, data: delivery.data });
    const at = new Date();
    const result = await sendWebhook(
      {
        url: delivery.url,
        body,
        timeoutMs: this.config.webhooks.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Dispatch-Webhooks/1',
          'x-dispatch-event': delivery.eventType,
          'x-dispatch-delivery': delivery.id,
          'x-dispatch-attempt': String(number),
          'x-dispatch-signature': signWebhookBody(delivery.secret, body),
        },
      },
      this.guard,
    );
    this.attempts[result.ok ? 'succeeded' : 'failed']++;
    await this.record(delivery, number, at, result);
  }

  /** Logs the attempt and moves the delivery on — only if this worker still holds its lease. */
  private async record(delivery: ClaimedDelivery, number: number, at: Date, result: WebhookResult): Promise<void> {
    const { webhooks } = this.config;
    const next = result.ok
      ? ({ status: 'succeeded' } as const)
      : afterFailure(number, delivery.eventType === WEBHOOK_PING_EVENT ? 1 : webhooks.maxAttempts, { baseMs: webhooks.retryBaseMs });
    const outcome: AttemptOutcome = {
      number,
      at,
      status: next.status,
      nextAttemptAt: next.status === 'pending' ? next.nextAttemptAt : null,
      responseStatus: result.status,
      durationMs: result.durationMs,
      error: result.error,
      excerpt: result.excerpt,
    };
    await this.inTransaction(async (client) => {
      if (!(await webhookDeliveryRepository.settle(client, delivery, outcome))) return; // the lease ran out and another worker took over
      if (next.status === 'failed') this.givenUp++;
      await webhookDeliveryRepository.addAttempt(client, delivery.id, outcome);
      if (result.ok) await webhookDeliveryRepository.clearFailures(client, delivery.subscriptionId);
      else await webhookDeliveryRepository.countFailure(client, delivery.subscriptionId, webhooks.pauseAfterFailures);
    });
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
