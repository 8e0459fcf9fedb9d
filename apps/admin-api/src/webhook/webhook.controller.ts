import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#common';
import { CurrentActor, RequirePermission } from '#auth';
import { WebhookDeliveryLogService, WebhookSubscriptionService } from '#content';
import { ListQueryDto } from '../common/list-query.dto.js';
import { UuidParam } from '../common/id-param.js';
import { CreateWebhookDto, DeliveryQueryDto, RotateSecretDto, UpdateWebhookDto } from './webhook.dto.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@RequirePermission('webhooks:manage')
@Controller('webhooks')
export class WebhookController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionService,
    private readonly deliveries: WebhookDeliveryLogService,
  ) {}

  @Get()
  list(@Query() query: ListQueryDto) {
    return this.subscriptions.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Subscribe; the secret is in this response only' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookDto) {
    return this.subscriptions.create(actor, body);
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.subscriptions.get(id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UpdateWebhookDto) {
    return this.subscriptions.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.subscriptions.remove(actor, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the secret; the new one is in this response only' })
  rotateSecret(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: RotateSecretDto) {
    return this.subscriptions.rotateSecret(actor, id, body.secret);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a subscription paused after repeated failures' })
  resume(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.subscriptions.resume(actor, id);
  }

  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a signed webhook.ping to this subscription; see its delivery for the outcome' })
  ping(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.subscriptions.ping(actor, id);
  }

  @Get(':id/deliveries')
  listDeliveries(@Param('id', UuidParam) id: string, @Query() query: DeliveryQueryDto) {
    return this.deliveries.list(id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery with its attempts log' })
  getDelivery(@Param('id', UuidParam) id: string, @Param('deliveryId', UuidParam) deliveryId: string) {
    return this.deliveries.get(id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a finished delivery again now' })
  redeliver(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('deliveryId', UuidParam) deliveryId: string) {
    return this.deliveries.redeliver(actor, id, deliveryId);
  }
}
