import type { Pool } from 'pg';

/** What waits in the outbox and the webhook queue. */
export interface WebhookBacklog {
  /** Age of the oldest outbox event not yet fanned out (0 when none waits). */
  outboxLagSeconds: number;
  outboxPending: number;
  /** Deliveries pending: waiting for their next attempt, or held by a paused subscription. */
  webhookPending: number;
  /** Pending deliveries whose attempt is due now. */
  webhookDue: number;
}

/** The webhook queues' size, for the worker's metrics. */
export const webhookBacklogRepository = {
  /**
   * The backlog in one round trip of index-backed queries. It goes straight
   * to the pool, outside Prisma, so a scrape costs one plain statement.
   */
  async read(pool: Pool): Promise<WebhookBacklog> {
    const { rows } = await pool.query<{ outbox_lag: number | null; outbox_pending: number; webhook_pending: number; webhook_due: number }>(
      `SELECT (SELECT EXTRACT(EPOCH FROM now() - occurred_at)::float8 FROM outbox_event WHERE dispatched_at IS NULL ORDER BY seq LIMIT 1) AS outbox_lag,
              (SELECT count(*)::int FROM outbox_event WHERE dispatched_at IS NULL) AS outbox_pending,
              (SELECT count(*)::int FROM webhook_delivery WHERE status = 'pending') AS webhook_pending,
              (SELECT count(*)::int FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= now()) AS webhook_due`,
    );
    const row = rows[0]!;
    return {
      outboxLagSeconds: Math.max(0, row.outbox_lag ?? 0),
      outboxPending: row.outbox_pending,
      webhookPending: row.webhook_pending,
      webhookDue: row.webhook_due,
    };
  },
};
