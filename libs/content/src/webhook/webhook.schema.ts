import { type Static, Type } from '@sinclair/typebox';
import { Component, Nullable, Obj, PageSchema, StringEnum, Timestamp, Url, Uuid } from '#common';
import { WEBHOOK_EVENT_TYPES } from './webhook-event.js';
import { RESPONSE_EXCERPT_CHARS } from './webhook-sender.js';

const subscriptionFields = {
  id: Uuid(),
  url: Url({ description: 'where events are POSTed (https, or http to hosts the server allows)' }),
  description: Type.String(),
  events: Type.Array(StringEnum(WEBHOOK_EVENT_TYPES), { description: 'the event types sent; empty means every event' }),
  active: Type.Boolean({ description: 'false: nothing is sent (set with PATCH)' }),
  pausedAt: Nullable(Timestamp({ description: 'set when delivery stopped after too many failures in a row; POST …/resume to continue' })),
  consecutiveFailures: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
};

/** A subscription as the admin API shows it: never its secret. */
export const WebhookSchema = Component('Webhook', Obj(subscriptionFields));
export type WebhookView = Static<typeof WebhookSchema>;

/** A subscription with its signing secret: the create and rotate-secret responses only. */
export const WebhookWithSecretSchema = Component(
  'WebhookWithSecret',
  Obj({
    ...subscriptionFields,
    secret: Type.String({ description: 'signs every delivery (X-Dispatch-Signature); shown in this response only: store it now' }),
  }),
);
export type WebhookWithSecret = Static<typeof WebhookWithSecretSchema>;

export const WebhookPageSchema = Component('WebhookPage', PageSchema(WebhookSchema));

const deliveryFields = {
  id: Uuid({ description: 'also sent as X-Dispatch-Delivery, the same on every attempt and redelivery' }),
  webhookId: Uuid(),
  eventId: Uuid(),
  eventType: Type.String({ description: 'one of the subscription event types, or `webhook.ping`' }),
  attempt: Type.Integer({ minimum: 0, description: 'attempts made so far' }),
  status: StringEnum(['pending', 'succeeded', 'failed']),
  responseStatus: Nullable(Type.Integer({ description: "the receiver's HTTP status at the last attempt; null before one, or when no response came" })),
  durationMs: Nullable(Type.Integer({ minimum: 0, description: 'how long the last attempt took' })),
  at: Nullable(Timestamp({ description: 'time of the last attempt; null before the first' })),
  nextAttemptAt: Nullable(Timestamp({ description: 'when the next attempt is due (pending deliveries only)' })),
  createdAt: Timestamp(),
};

/** One event's delivery to one subscription, as the log lists it. */
export const WebhookDeliverySchema = Component('WebhookDelivery', Obj(deliveryFields));
export type WebhookDeliveryView = Static<typeof WebhookDeliverySchema>;

/** One try at sending a delivery. */
export const WebhookAttemptSchema = Component(
  'WebhookAttempt',
  Obj({
    number: Type.Integer({ minimum: 1 }),
    at: Timestamp(),
    responseStatus: Nullable(Type.Integer({ description: 'null when no response came (timeout, refused connection)' })),
    durationMs: Type.Integer({ minimum: 0 }),
    error: Nullable(Type.String({ description: 'why the attempt failed, when it did without a response or with a non-2xx one' })),
    responseExcerpt: Nullable(Type.String({ maxLength: RESPONSE_EXCERPT_CHARS, description: "the start of the receiver's response body" })),
  }),
);
export type WebhookAttemptView = Static<typeof WebhookAttemptSchema>;

/** One delivery with every attempt, oldest first. */
export const WebhookDeliveryWithAttemptsSchema = Component(
  'WebhookDeliveryWithAttempts',
  Obj({ ...deliveryFields, attempts: Type.Array(WebhookAttemptSchema, { description: 'oldest first' }) }),
);
export type WebhookDeliveryWithAttempts = Static<typeof WebhookDeliveryWithAttemptsSchema>;

export const WebhookDeliveryPageSchema = Component('WebhookDeliveryPage', PageSchema(WebhookDeliverySchema));
