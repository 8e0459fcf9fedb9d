import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { RequirePermission } from '#auth';

/**
 * GET /metrics (at the root, like /health): this instance's Prometheus
 * series, for an admin or a scraper holding METRICS_TOKEN. Left out of the
 * OpenAPI document: it is for operators, not API clients.
 */
@ApiExcludeController()
@RequirePermission('metrics:read')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.header('content-type', this.registry.contentType);
    return this.registry.metrics();
  }
}
