import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, type DispatchConfig, MetricsModule } from '#common';
import { DatabaseModule } from './database.module.js';

/**
 * What every Dispatch process imports first: its validated config, its
 * metrics (labelled with the process name) and its database pool (named
 * `dispatch-<process>` in pg_stat_activity).
 */
export function processModules(name: string, config: DispatchConfig, databaseUrl: string, poolSize = config.databasePoolSize): DynamicModule[] {
  return [
    ConfigModule.forRoot(config),
    MetricsModule.forRoot(name),
    DatabaseModule.forRoot({ url: databaseUrl, poolSize, applicationName: `dispatch-${name}` }),
  ];
}
