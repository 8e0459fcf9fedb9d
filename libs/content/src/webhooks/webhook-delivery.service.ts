import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { PrismaService } from '#database';
import { afterFailure } from './webhook-backoff.js';
import { WEBHOOK_PING_EVENT, webhookBody } from './webhook-event.js';
import { sendWebhook, type WebhookResult } from './webhook-sender.js';
import { signWebhookBody } from './webhook-signature.js';
import { WebhookUrlGuard } from './webhook-url-guard.js';

/** A delivery this worker holds the lease on, with what it needs to send it. */
interface ClaimedDelivery {
  id: string;
  attempt: number;
  lockedUntil: Date;
  subscriptionId: string;
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  data: unknown;
}

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
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM outbox_event WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED',
        [limit],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      await client.query(
        `INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, next_attempt_at)
         SELECT gen_random_uuid(), s.id, e.id, e.type, now()
           FROM outbox_event e
           JOIN webhook_subscription s ON s.active AND (cardinality(s.events) = 0 OR e.type = ANY (s.events))
          WHERE e.id = ANY ($1::uuid[]) AND e.type <> $2
         ON CONFLICT (subscription_id, event_id) DO NOTHING`,
        [ids, WEBHOOK_PING_EVENT],
      );
      await client.query('UPDATE outbox_event SET dispatched_at = now() WHERE id = ANY ($1::uuid[])', [ids]);
      return rows.length;
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
    // Paused or inactive subscriptions keep their deliveries pending (sent on
    // resume); a test ping goes regardless, so an admin can check a receiver first.
    const { rows } = await this.prisma.pool.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d
           JOIN webhook_subscription s ON s.id = d.subscription_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND (d.locked_until IS NULL OR d.locked_until <= now())
            AND ((s.active AND s.paused_at IS NULL) OR d.event_type = $3)
          ORDER BY d.next_attempt_at
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_delivery d SET locked_until = now() + make_interval(secs => $2::double precision / 1000)
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.attempt, d.locked_until, d.subscription_id, d.event_id
       )
       SELECT c.id, c.attempt, c.locked_until AS "lockedUntil", s.id AS "subscriptionId", s.url, s.secret,
              e.id AS "eventId", e.type AS "eventType", e.occurred_at AS "occurredAt", e.data
         FROM claimed c
         JOIN webhook_subscription s ON s.id = c.subscription_id
         JOIN outbox_event e ON e.id = c.event_id`,
      [limit, this.leaseMs, WEBHOOK_PING_EVENT],
    );
    return rows;
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
    await this.inTransaction(async (client) => {
      const updated = await client.query(
        `UPDATE webhook_delivery
            SET attempt = $4, status = $5::delivery_status, next_attempt_at = COALESCE($6, next_attempt_at), locked_until = NULL,
                response_status = $7, duration_ms = $8, last_attempt_at = $9
          WHERE id = $1 AND attempt = $2 AND locked_until = $3`,
        [
          delivery.id,
          delivery.attempt,
          delivery.lockedUntil,
          number,
          next.status,
          next.status === 'pending' ? next.nextAttemptAt : null,
          result.status,
          result.durationMs,
          at,
        ],
      );
      if (updated.rowCount === 0) return; // the lease ran out and another worker took over
      if (next.status === 'failed') this.givenUp++;
      await client.query(
        `INSERT INTO webhook_attempt (id, delivery_id, number, at, response_status, duration_ms, error, response_excerpt)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
        [delivery.id, number, at, result.status, result.durationMs, result.error, result.excerpt],
      );
      if (result.ok) {
        await client.query('UPDATE webhook_subscription SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0', [delivery.subscriptionId]);
      } else {
        await client.query(
          `UPDATE webhook_subscription
              SET consecutive_failures = consecutive_failures + 1,
                  paused_at = CASE WHEN $2 > 0 AND consecutive_failures + 1 >= $2 THEN COALESCE(paused_at, now()) ELSE paused_at END
            WHERE id = $1`,
          [delivery.subscriptionId, webhooks.pauseAfterFailures],
        );
      }
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
