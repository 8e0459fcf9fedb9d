import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, type DispatchConfig } from '#common';
import { DatabaseModule, HealthController } from '#database';
import { MediaDeliveryModule } from './media/media-delivery.module.js';

/** The public, read-only API for frontends (port 3000, /content/v1). */
@Module({})
export class DeliveryApiModule {
  static forRoot(config: DispatchConfig, databaseUrl: string): DynamicModule {
    return {
      module: DeliveryApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.databasePoolSize, applicationName: 'dispatch-delivery-api' }),
        MediaDeliveryModule,
      ],
      controllers: [HealthController],
    };
  }
}
