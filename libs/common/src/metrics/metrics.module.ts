import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MetricsListener } from './metrics-listener.js';
import { createMetricsRegistry } from './metrics-registry.js';

/**
 * One Prometheus registry per app instance, injected as `Registry`: services
 * register their series on it in their constructors, and both the admin
 * route and the separate listener read it.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(app: string): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: Registry, useFactory: () => createMetricsRegistry(app) }, MetricsListener],
      exports: [Registry, MetricsListener],
    };
  }
}
