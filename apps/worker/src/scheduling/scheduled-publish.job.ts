import { Injectable } from '@nestjs/common';
import { ScheduleService } from '#content';
import type { WorkerJob } from '../worker-job.js';

/** Publishes scheduled articles at their publishAt. */
@Injectable()
export class ScheduledPublishJob implements WorkerJob {
  readonly name = 'scheduled-publish';
  constructor(private readonly schedule: ScheduleService) {}
  runOnce(): Promise<number> {
    return this.schedule.publishDue();
  }
}

/** Takes articles off the site at their expireAt. */
@Injectable()
export class ExpiryJob implements WorkerJob {
  readonly name = 'expiry';
  constructor(private readonly schedule: ScheduleService) {}
  runOnce(): Promise<number> {
    return this.schedule.expireDue();
  }
}
