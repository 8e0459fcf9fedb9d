import type { Sql } from '#database';
/** A delivery this worker holds the lease on, with what it needs to send it. */
export interface ClaimedDelivery {
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

/** What an attempt did to its delivery and what the log keeps of it. */
export interface AttemptOutcome {
  number: number;
  at: Date;
  status: 'pending' | 'succeeded' | 'failed';
  /** When the next attempt is due (pending only). */
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
}

/**
 * The worker's side of the webhook tables: fan-out of outbox events, claims
 * with a lease, and recording attempts. Rows are taken with FOR UPDATE SKIP
 * LOCKED so any number of workers share the queue.
 */
export const webhookDeliveryRepository = {
  /** Locks up to `limit` undispatched outbox events (oldest first) that no other worker holds. */
  async lockUndispatchedEvents(sql: Sql, limit: number): Promise<string[]> {
    const { rows } = await sql.query<{ id: string }>('SELECT id FROM outbox_event WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED', [
      limit,
    ]);
    return rows.map((row) => row.id);
  },

  /**
   * One pending delivery per event and matching active subscription (empty
   * filter = every event), `skipType` (pings, queued by hand) aside; the
   * events are marked dispatched.
   */
  async fanOut(sql: Sql, eventIds: string[], skipType: string): Promise<void> {
    await sql.query(
      `INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, next_attempt_at)
       SELECT gen_random_uuid(), s.id, e.id, e.type, now()
         FROM outbox_event e
         JOIN webhook_subscription s ON s.active AND (cardinality(s.events) = 0 OR e.type = ANY (s.events))
        WHERE e.id = ANY ($1::uuid[]) AND e.type <> $2
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [eventIds, skipType],
    );
    await sql.query('UPDATE outbox_event SET dispatched_at = now() WHERE id = ANY ($1::uuid[])', [eventIds]);
  },

  /**
   * Takes a lease of `leaseMs` on up to `limit` due deliveries. Paused or
   * inactive subscriptions keep their deliveries pending (sent on resume);
   * `alwaysType` (a test ping) goes regardless, so an admin can check a receiver first.
   */
  async claim(sql: Sql, limit: number, leaseMs: number, alwaysType: string): Promise<ClaimedDelivery[]> {
    const { rows } = await sql.query<ClaimedDelivery>(
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
      [limit, leaseMs, alwaysType],
    );
    return rows;
  },

  /** Moves the delivery on after an attempt, only if the lease is still this claim's; false when it ran out and another worker took over. */
  async settle(sql: Sql, delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<boolean> {
    const updated = await sql.query(
      `UPDATE webhook_delivery
          SET attempt = $4, status = $5::delivery_status, next_attempt_at = COALESCE($6, next_attempt_at), locked_until = NULL,
              response_status = $7, duration_ms = $8, last_attempt_at = $9
        WHERE id = $1 AND attempt = $2 AND locked_until = $3`,
      [
        delivery.id,
        delivery.attempt,
        delivery.lockedUntil,
        outcome.number,
        outcome.status,
        outcome.nextAttemptAt,
        outcome.responseStatus,
        outcome.durationMs,
        outcome.at,
      ],
    );
    return updated.rowCount !== 0;
  },

  async addAttempt(sql: Sql, deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    await sql.query(
      `INSERT INTO webhook_attempt (id, delivery_id, number, at, response_status, duration_ms, error, response_excerpt)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
      [deliveryId, outcome.number, outcome.at, outcome.responseStatus, outcome.durationMs, outcome.error, outcome.excerpt],
    );
  },

  async clearFailures(sql: Sql, subscriptionId: string): Promise<void> {
    await sql.query('UPDATE webhook_subscription SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0', [subscriptionId]);
  },

  /** Counts a failure; the subscription pauses once `pauseAfter` (> 0) come in a row. */
  async countFailure(sql: Sql, subscriptionId: string, pauseAfter: number): Promise<void> {
    await sql.query(
      `UPDATE webhook_subscription
          SET consecutive_failures = consecutive_failures + 1,
              paused_at = CASE WHEN $2 > 0 AND consecutive_failures + 1 >= $2 THEN COALESCE(paused_at, now()) ELSE paused_at END
        WHERE id = $1`,
      [subscriptionId, pauseAfter],
    );
  },
};
