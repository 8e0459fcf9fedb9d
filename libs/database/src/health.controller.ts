import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '#common';
import { PrismaService } from './prisma.service.js';

/** GET /health: 200 when the database answers, 503 when it does not. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; database: string }> {
    reply.header('cache-control', 'no-store');
    if (await this.prisma.isReachable()) return { status: 'ok', database: 'up' };
    reply.status(503);
    return { status: 'unavailable', database: 'down' };
  }
}
