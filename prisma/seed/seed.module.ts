import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, type DispatchConfig } from '#common';
import { CollectionModule, EditorialModule, MediaModule, TaxonomyModule } from '#content';
import { DatabaseModule } from '#database';

/** The services the demo seed goes through — the same ones the apps use. */
@Module({})
export class SeedModule {
  static forRoot(config: DispatchConfig, databaseUrl: string): DynamicModule {
    return {
      module: SeedModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: 2, applicationName: 'dispatch-seed' }),
        EditorialModule,
        MediaModule,
        TaxonomyModule,
        CollectionModule,
      ],
    };
  }
}
