/** Failed scheduled-publish attempts before the story goes back to the desk. */
export const MAX_PUBLISH_ATTEMPTS = 6;

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

/**
 * When to try a failed scheduled publish again: 30 s, 2 min, 8 min, 32 min,
 * then hourly; null once MAX_PUBLISH_ATTEMPTS have failed (give up).
 */
export function publishRetryAt(attempt: number, now: Date): Date | null {
  if (attempt >= MAX_PUBLISH_ATTEMPTS) return null;
  return new Date(now.getTime() + Math.min(FIRST_DELAY_MS * 4 ** (attempt - 1), MAX_DELAY_MS));
}
