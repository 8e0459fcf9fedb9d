import { Module } from '@nestjs/common';
import { EditorialModule } from '#content';
import { ExpiryJob, ScheduledPublishJob } from './scheduled-publish.job.js';
import { SchedulingMetrics } from './scheduling-metrics.js';

/** Scheduled publishing and expiry jobs for the worker. */
@Module({
  imports: [EditorialModule],
  providers: [ScheduledPublishJob, ExpiryJob, SchedulingMetrics],
  exports: [ScheduledPublishJob, ExpiryJob],
})
export class SchedulingWorkerModule {}
