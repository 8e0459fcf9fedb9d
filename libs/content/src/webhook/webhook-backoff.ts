/** The longest wait between two attempts of one delivery. */
export const MAX_RETRY_DELAY_MS = 24 * 3600 * 1000;

const GROWTH = 3;
/** ±25 %: spreads retries of many deliveries that failed together (a receiver outage). */
const JITTER = 0.25;

export interface BackoffOptions {
  /** Delay before the first retry (default 2 s). */
  baseMs: number;
  /** Cap for any single delay (default 24 h). */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * How long to wait after the `failedAttempts`-th failed attempt (1-based)
 * before trying again: base × 3^(n−1), capped, with jitter. With the default
 * 2 s base: ~2 s, 6 s, 18 s, 54 s, 2.7 min, 8 min, 24 min, 73 min, 3.6 h,
 * 11 h, then 24 h — the first retries land within a minute.
 */
export function retryDelayMs(failedAttempts: number, options: BackoffOptions): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError('failedAttempts must be a positive integer');
  const max = options.maxMs ?? MAX_RETRY_DELAY_MS;
  const nominal = Math.min(options.baseMs * GROWTH ** Math.min(failedAttempts - 1, 50), max);
  const random = options.random ?? Math.random;
  const jittered = nominal * (1 - JITTER + 2 * JITTER * random());
  return Math.max(1, Math.round(Math.min(jittered, max)));
}

/** The next step after a failed attempt: retry at a time, or give up. */
export function afterFailure(
  failedAttempts: number,
  maxAttempts: number,
  options: BackoffOptions,
  now: Date = new Date(),
): { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' } {
  if (failedAttempts >= maxAttempts) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(failedAttempts, options)) };
}
