/** The events a subscription can ask for (API.md, Webhooks). */
export const WEBHOOK_EVENT_TYPES = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.scheduled',
  /** A scheduled publish failed; `willRetry` and `nextAttemptAt` say what happens next. */
  'article.publish_failed',
  'tag.merged',
  'collection.updated',
  'media.updated',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A test ping: sent to one subscription on request, whatever its filter. */
export const WEBHOOK_PING_EVENT = 'webhook.ping';

/** What a receiver gets as the POST body. */
export interface WebhookPayload {
  id: string;
  type: string;
  occurredAt: string;
  data: unknown;
}

/** The raw body for an event; the signature is computed over exactly these bytes. */
export function webhookBody(event: { id: string; type: string; occurredAt: Date; data: unknown }): string {
  const payload: WebhookPayload = { id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data: event.data };
  return JSON.stringify(payload);
}
