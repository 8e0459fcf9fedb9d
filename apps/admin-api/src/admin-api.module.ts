import { type DynamicModule, Module } from '@nestjs/common';
import type { DispatchConfig } from '#common';
import { AuthModule } from '#auth';
import { HealthController, processModules } from '#database';
import { EditorialModule } from '#content';
import { ArticleController } from './article/article.controller.js';
import { ApiTokenController } from './auth/api-token.controller.js';
import { AuditController } from './auth/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { UserController } from './auth/user.controller.js';
import { CollectionHttpModule } from './collection/collection-http.module.js';
import { TranslationHttpModule } from './article/translation-http.module.js';
import { TaxonomyHttpModule } from './taxonomy/taxonomy-http.module.js';
import { MediaHttpModule } from './media/media-http.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { WebhookHttpModule } from './webhook/webhook-http.module.js';

/** The management API for editors and admins (port 3001, /admin/v1). */
@Module({})
export class AdminApiModule {
  static forRoot(config: DispatchConfig, databaseUrl: string): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [
        ...processModules('admin-api', config, databaseUrl),
        AuthModule,
        EditorialModule,
        MediaHttpModule,
        WebhookHttpModule,
        TaxonomyHttpModule,
        CollectionHttpModule,
        TranslationHttpModule,
      ],
      controllers: [HealthController, AuthController, UserController, ApiTokenController, AuditController, ArticleController, MetricsController],
    };
  }
}
