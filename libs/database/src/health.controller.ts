import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '#common';
import { NotificationService } from './notification.service.js';
import { PrismaService } from './prisma.service.js';

interface Health {
  status: 'ok' | 'degraded' | 'unavailable';
  database: 'up' | 'down';
  /** Only where the app listens for change notices (delivery, worker): `down` while it cannot hear them. */
  notifications?: 'up' | 'down';
}

/**
 * GET /health: 503 when the database does not answer (take the instance out
 * of rotation); 200 `degraded` when it answers but change notices are not
 * heard (delivery then serves every request from the database, uncached,
 * until the connection is back); 200 `ok` otherwise.
 */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly notifications: NotificationService,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Database reachability and, where the app listens, whether it hears change notices' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    reply.header('cache-control', 'no-store');
    const notifications = this.notifications.state;
    const heard = notifications === 'unused' ? {} : { notifications };
    if (!(await this.prisma.isReachable())) {
      reply.status(503);
      return { status: 'unavailable', database: 'down', ...heard };
    }
    return { status: notifications === 'down' ? 'degraded' : 'ok', database: 'up', ...heard };
  }
}
