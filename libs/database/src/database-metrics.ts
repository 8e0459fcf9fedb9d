import { Injectable, Optional } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { METRIC_PREFIX } from '#common';
import { PrismaService } from './prisma.service.js';

/**
 * The app's connection pool as Prometheus gauges, read from pg's own counts
 * at scrape time: connections in use and idle, requests waiting for one
 * (a pool too small, or queries holding connections too long), and the cap.
 * Registers nothing when the app has no metrics registry.
 */
@Injectable()
export class DatabaseMetrics {
  constructor(prisma: PrismaService, @Optional() registry?: Registry) {
    if (!registry) return;
    const { pool } = prisma;
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name: `${METRIC_PREFIX}db_pool_${name}`,
        help,
        labelNames: ['pool'] as const,
        registers: [registry],
        collect() {
          this.set({ pool: 'main' }, read());
        },
      });
    gauge('connections_in_use', 'Connections checked out of the pool, running a query or a transaction', () => pool.totalCount - pool.idleCount);
    gauge('connections_idle', 'Open connections waiting in the pool', () => pool.idleCount);
    gauge(
      'waiting_requests',
      'Queries waiting for a free connection (sustained > 0: the pool is too small or connections are held too long)',
      () => pool.waitingCount,
    );
    gauge('connections_max', 'The most connections the pool opens (DATABASE_POOL_SIZE)', () => pool.options.max ?? 10);
  }
}
