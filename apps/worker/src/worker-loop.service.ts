import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DISPATCH_CONFIG, type DispatchConfig } from '#common';
import { NotificationService, WORKER_WAKE_CHANNEL } from '#database';
import { WORKER_JOBS, type WorkerJob } from './worker-job.js';

/** Channel on which the APIs wake workers when something becomes due now. */

/**
 * Runs every job in turn, every poll interval or as soon as a notification
 * says there is work. Nothing in memory decides what is due: each job asks
 * the database, so any number of workers can run and a restarted one simply
 * catches up.
 */
@Injectable()
export class WorkerLoopService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private stopping = false;
  private running?: Promise<void>;
  private wake?: () => void;

  constructor(
    @Inject(WORKER_JOBS) private readonly jobs: WorkerJob[],
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    private readonly notifications: NotificationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications
      .listen(WORKER_WAKE_CHANNEL, () => this.wake?.())
      .catch((error: Error) => {
        this.logger.warn(`cannot listen for wake-ups (polling only): ${error.message}`);
      });
    this.running = this.loop();
  }

  /** Stops taking work and lets the job under way finish, before the database connections close (onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      for (const job of this.jobs) {
        if (this.stopping) break;
        try {
          handled += await job.runOnce();
        } catch (error) {
          this.logger.warn(`${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (handled === 0 && !this.stopping) await this.sleep(this.config.worker.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
