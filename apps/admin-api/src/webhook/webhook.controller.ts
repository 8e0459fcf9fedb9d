import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import {
  WebhookDeliveryLogService,
  WebhookDeliveryPageSchema,
  WebhookDeliverySchema,
  WebhookDeliveryWithAttemptsSchema,
  WebhookPageSchema,
  WebhookSchema,
  WebhookSubscriptionService,
  WebhookWithSecretSchema,
} from '#content';
import { ListQueryDto } from '../common/list-query.dto.js';
import { UuidParam } from '../common/id-param.js';
import { AdminController, CreateRoute, DeleteRoute, GetRoute, ListRoute, UpdateRoute } from '../common/resource-routes.js';
import { CreateWebhookDto, DeliveryQueryDto, RotateSecretDto, UpdateWebhookDto } from './webhook.dto.js';

@AdminController('webhooks')
@RequirePermission('webhooks:manage')
export class WebhookController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionService,
    private readonly deliveries: WebhookDeliveryLogService,
  ) {}

  @ListRoute('Webhook subscriptions, newest first (never their secrets)', WebhookPageSchema)
  list(@Query() query: ListQueryDto) {
    return this.subscriptions.list(query);
  }

  @CreateRoute('Subscribe; the secret is in this response only', WebhookWithSecretSchema, [], {
    description: 'the subscription with its signing secret, in this response only',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookDto) {
    return this.subscriptions.create(actor, body);
  }

  @GetRoute('One subscription', WebhookSchema)
  get(@Param('id', UuidParam) id: string) {
    return this.subscriptions.get(id);
  }

  @UpdateRoute('Change url, events, description, or pause and resume by hand (active)', WebhookSchema)
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateWebhookDto) {
    return this.subscriptions.update(actor, id, body);
  }

  @DeleteRoute('Delete a subscription: nothing more is sent to it')
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.subscriptions.remove(actor, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the secret; the new one is in this response only' })
  @Responds(200, WebhookWithSecretSchema, { description: 'the subscription with its new signing secret, in this response only' })
  @Problems('not_found')
  rotateSecret(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: RotateSecretDto) {
    return this.subscriptions.rotateSecret(actor, id, body.secret);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a subscription paused after repeated failures' })
  @Responds(200, WebhookSchema)
  @Problems('not_found')
  resume(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.subscriptions.resume(actor, id);
  }

  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a signed webhook.ping to this subscription; see its delivery for the outcome' })
  @Responds(202, WebhookDeliverySchema, { description: 'the queued delivery' })
  @Problems('not_found')
  ping(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.subscriptions.ping(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first; ?status= and ?eventType= narrow it' })
  @Responds(200, WebhookDeliveryPageSchema)
  @Problems('not_found')
  listDeliveries(@Param('id', UuidParam) id: string, @Query() query: DeliveryQueryDto) {
    return this.deliveries.list(id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery with its attempts log' })
  @Responds(200, WebhookDeliveryWithAttemptsSchema)
  @Problems('not_found')
  getDelivery(@Param('id', UuidParam) id: string, @Param('deliveryId', UuidParam) deliveryId: string) {
    return this.deliveries.get(id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a finished delivery again now' })
  @Responds(202, WebhookDeliverySchema, { description: 'the delivery, pending again' })
  @Problems('not_found', 'conflict')
  redeliver(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('deliveryId', UuidParam) deliveryId: string) {
    return this.deliveries.redeliver(actor, id, deliveryId);
  }
}
