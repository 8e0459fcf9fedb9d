/** A unit of background work the worker runs in a loop. */
export interface WorkerJob {
  readonly name: string;
  /**
   * Does whatever is due and returns how many items it handled; the loop runs
   * the job again at once while it keeps finding work. Must be safe to run in
   * several workers at the same time (row locks / SKIP LOCKED).
   */
  runOnce(): Promise<number>;
}

export const WORKER_JOBS = Symbol('WORKER_JOBS');
