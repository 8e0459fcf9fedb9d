import type { WebhookAttemptView, WebhookDeliveryView, WebhookView } from './webhook.schema.js';

export type { WebhookAttemptView, WebhookDeliveryView, WebhookView };

export function toWebhookView(row: {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  pausedAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
}): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    // Only known event types are accepted on the way in.
    events: row.events as WebhookView['events'],
    active: row.active,
    pausedAt: row.pausedAt?.toISOString() ?? null,
    consecutiveFailures: row.consecutiveFailures,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toWebhookDeliveryView(row: {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: 'pending' | 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  createdAt: Date;
}): WebhookDeliveryView {
  return {
    id: row.id,
    webhookId: row.subscriptionId,
    eventId: row.eventId,
    eventType: row.eventType,
    attempt: row.attempt,
    status: row.status,
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    at: row.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toWebhookAttemptView(row: {
  number: number;
  at: Date;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}): WebhookAttemptView {
  return {
    number: row.number,
    at: row.at.toISOString(),
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    error: row.error,
    responseExcerpt: row.responseExcerpt,
  };
}
