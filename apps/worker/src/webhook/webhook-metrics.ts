import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { countFrom, METRIC_PREFIX } from '#common';
import { type WebhookBacklog as Backlog, webhookBacklogRepository, WebhookDeliveryService } from '#content';
import { PrismaService } from '#database';

/** How long a scrape waits for the backlog query; past it the backlog gauges read NaN (unknown). */
const PROBE_TIMEOUT_MS = 1000;

const UNKNOWN: Backlog = { outboxLagSeconds: NaN, outboxPending: NaN, webhookPending: NaN, webhookDue: NaN };

/**
 * The worker's queues as Prometheus series: how far the outbox (the change
 * feed webhooks are made from) lags, how many deliveries wait, and how
 * attempts end. The backlog is read from the database at scrape time, with
 * index-backed queries and a short timeout; the attempt counters are plain
 * numbers the delivery service keeps.
 */
@Injectable()
export class WebhookMetrics {
  /** The query under way: the gauges of one scrape are collected together and share it. */
  private probe?: Promise<Backlog>;

  constructor(
    registry: Registry,
    webhooks: WebhookDeliveryService,
    private readonly prisma: PrismaService,
  ) {
    const backlog = () => this.backlog();
    const gauge = (name: string, help: string, read: (backlog: Backlog) => number) =>
      new Gauge({
        name: `${METRIC_PREFIX}${name}`,
        help,
        registers: [registry],
        async collect() {
          this.set(read(await backlog()));
        },
      });
    gauge(
      'outbox_lag_seconds',
      'Age of the oldest outbox event not yet fanned out to webhooks (0 when none waits; NaN when the database did not answer)',
      (b) => b.outboxLagSeconds,
    );
    gauge('outbox_pending_events', 'Outbox events not yet fanned out to webhooks', (b) => b.outboxPending);
    gauge('webhook_queue_depth', 'Webhook deliveries pending (waiting for their next attempt, or held by a paused subscription)', (b) => b.webhookPending);
    gauge('webhook_queue_due', 'Pending webhook deliveries whose attempt is due now (sustained > 0: workers are behind)', (b) => b.webhookDue);
    countFrom(
      registry,
      {
        name: `${METRIC_PREFIX}webhook_delivery_attempts_total`,
        help: 'Webhook delivery attempts made by this worker, by outcome',
        labelNames: ['outcome'] as const,
      },
      () => webhooks.attempts,
      'outcome',
    );
    countFrom(
      registry,
      {
        name: `${METRIC_PREFIX}webhook_delivery_failures_total`,
        help: 'Webhook delivery attempts that failed (error, timeout or non-2xx); each is retried with backoff',
      },
      () => webhooks.attempts.failed,
    );
    countFrom(
      registry,
      {
        name: `${METRIC_PREFIX}webhook_deliveries_given_up_total`,
        help: 'Webhook deliveries marked failed after their last allowed attempt (WEBHOOK_MAX_ATTEMPTS)',
      },
      () => webhooks.givenUp,
    );
  }

  /** The backlog, read once per scrape. */
  private backlog(): Promise<Backlog> {
    this.probe ??= this.query().finally(() => {
      this.probe = undefined;
    });
    return this.probe;
  }

  private async query(): Promise<Backlog> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        webhookBacklogRepository.read(this.prisma.pool),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
        }),
      ]);
    } catch {
      return UNKNOWN;
    } finally {
      clearTimeout(timer);
    }
  }
}
