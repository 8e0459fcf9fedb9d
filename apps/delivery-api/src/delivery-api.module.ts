import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { DispatchConfig } from '#common';
import { HealthController, processModules } from '#database';
import { ContentHttpModule } from './content/content-http.module.js';
import { ResponseCache } from './http/response-cache.js';
import { MediaDeliveryModule } from './media/media-delivery.module.js';

/** One response cache per instance, shared by the edge hook and the responder. */
@Global()
@Module({ providers: [ResponseCache], exports: [ResponseCache] })
class ResponseCacheModule {}

/** The public, read-only API for frontends (port 3000, /content/v1). */
@Module({})
export class DeliveryApiModule {
  static forRoot(config: DispatchConfig, databaseUrl: string): DynamicModule {
    return {
      module: DeliveryApiModule,
      imports: [...processModules('delivery-api', config, databaseUrl), ResponseCacheModule, ContentHttpModule, MediaDeliveryModule],
      controllers: [HealthController],
    };
  }
}
