import { Module } from '@nestjs/common';
import { ContentModule } from '#content';
import { ExpiryJob, ScheduledPublishJob } from './scheduled-publish.job.js';
import { SchedulingMetrics } from './scheduling-metrics.js';

/** Scheduled publishing and expiry jobs for the worker. */
@Module({
  imports: [ContentModule],
  providers: [ScheduledPublishJob, ExpiryJob, SchedulingMetrics],
  exports: [ScheduledPublishJob, ExpiryJob],
})
export class SchedulingWorkerModule {}
