import { type DynamicModule, Module } from '@nestjs/common';
import type { DispatchConfig } from '#common';
import { processModules } from '#database';
import { ExpiryJob, ScheduledPublishJob } from './scheduling/scheduled-publish.job.js';
import { SchedulingWorkerModule } from './scheduling/scheduling-worker.module.js';
import { WebhookDeliveryJob } from './webhook/webhook-delivery.job.js';
import { WebhookFanOutJob } from './webhook/webhook-fan-out.job.js';
import { WebhookWorkerModule } from './webhook/webhook-worker.module.js';
import { WORKER_JOBS, type WorkerJob } from './worker-job.js';
import { WorkerLoopService } from './worker-loop.service.js';

/** Background jobs: scheduled publish/unpublish and webhook delivery. */
@Module({})
export class WorkerModule {
  static forRoot(config: DispatchConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [...processModules('worker', config, databaseUrl, 4), SchedulingWorkerModule, WebhookWorkerModule],
      providers: [
        // Job modules export their jobs; list them in `inject`, in the order they run.
        { provide: WORKER_JOBS, useFactory: (...jobs: WorkerJob[]) => jobs, inject: [ScheduledPublishJob, ExpiryJob, WebhookFanOutJob, WebhookDeliveryJob] },
        WorkerLoopService,
      ],
    };
  }
}
