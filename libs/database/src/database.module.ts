import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DatabaseMetrics } from './database-metrics.js';
import { DATABASE_OPTIONS, type DatabaseOptions } from './database.options.js';
import { NotificationService } from './notification.service.js';
import { HEALTH_PROBE } from '#common';
import { HealthService } from './health.controller.js';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        PrismaService,
        NotificationService,
        DatabaseMetrics,
        HealthService,
        { provide: HEALTH_PROBE, useFactory: (health: HealthService) => () => health.check(), inject: [HealthService] },
      ],
      exports: [PrismaService, NotificationService, HealthService, HEALTH_PROBE],
    };
  }
}
