import { Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { countFrom, METRIC_PREFIX } from '#common';
import { ScheduleService } from '#content';

/**
 * Scheduled publishing as Prometheus series: how late each scheduled story
 * went live (the promise is "within seconds of publishAt") and how many
 * attempts failed.
 */
@Injectable()
export class SchedulingMetrics {
  constructor(registry: Registry, schedule: ScheduleService) {
    const lateness = new Histogram({
      name: `${METRIC_PREFIX}scheduled_publish_lateness_seconds`,
      help: 'Seconds between an article’s publishAt and the moment this worker published it',
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    });
    schedule.onScheduledPublish((seconds) => lateness.observe(Math.max(0, seconds)));
    countFrom(
      registry,
      { name: `${METRIC_PREFIX}scheduled_publish_failures_total`, help: 'Scheduled publishes that failed (retried with backoff, or handed back to the desk)' },
      () => schedule.publishFailures,
    );
  }
}
