import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, type DispatchConfig } from '#common';
import { AdminBootstrapService } from '#auth';
import { DatabaseModule, HealthController } from '#database';

/** The management API for editors and admins (port 3001, /admin/v1). */
@Module({})
export class AdminApiModule {
  static forRoot(config: DispatchConfig, databaseUrl: string): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.databasePoolSize, applicationName: 'dispatch-admin-api' }),
      ],
      controllers: [HealthController],
      providers: [AdminBootstrapService],
    };
  }
}
