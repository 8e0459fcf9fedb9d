import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, type DispatchConfig } from '#common';
import { DatabaseModule, HealthController } from '#database';

/** The public, read-only API for frontends (port 3000, /content/v1). */
@Module({})
export class DeliveryApiModule {
  static forRoot(config: DispatchConfig, databaseUrl: string): DynamicModule {
    return {
      module: DeliveryApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.databasePoolSize, applicationName: 'dispatch-delivery-api' }),
      ],
      controllers: [HealthController],
    };
  }
}
