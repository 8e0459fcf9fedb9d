import { Controller, Get, HttpCode, Injectable, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Static, Type } from '@sinclair/typebox';
import { Component, Obj, Public, Responds, StringEnum } from '#common';
import { NotificationService } from './notification.service.js';
import { PrismaService } from './prisma.service.js';

const HealthSchema = Component(
  'Health',
  Obj({
    status: StringEnum(['ok', 'degraded', 'unavailable']),
    database: StringEnum(['up', 'down']),
    notifications: Type.Optional(
      StringEnum(['up', 'down'], { description: 'only where the app listens for change notices (delivery): `down` while it cannot hear them' }),
    ),
  }),
);
type Health = Static<typeof HealthSchema>;

/**
 * The app's health: 503 when the database does not answer (take the
 * instance out of rotation); 200 `degraded` when it answers but change
 * notices are not heard (delivery then serves every request from the
 * database, uncached, until the connection is back); 200 `ok` otherwise.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly notifications: NotificationService,
  ) {}

  async check(): Promise<{ status: 200 | 503; body: Health }> {
    const notifications = this.notifications.state;
    const heard = notifications === 'unused' ? {} : { notifications };
    if (!(await this.prisma.isReachable())) return { status: 503, body: { status: 'unavailable', database: 'down', ...heard } };
    return { status: 200, body: { status: notifications === 'down' ? 'degraded' : 'ok', database: 'up', ...heard } };
  }
}

/** GET /health on each API (the worker answers it on its metrics port). */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Database reachability and, where the app listens, whether it hears change notices' })
  @Responds(200, HealthSchema, { description: '`ok`, or `degraded` while delivery cannot hear change notices (it then serves uncached)' })
  @Responds(503, HealthSchema, { description: 'the database does not answer: take the instance out of rotation' })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    reply.header('cache-control', 'no-store');
    const { status, body } = await this.health.check();
    reply.status(status);
    return body;
  }
}
