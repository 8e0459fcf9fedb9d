/**
 * A delivery cache that change notices keep true. While the notices cannot
 * be heard (the LISTEN connection is down) it must not serve or keep what it
 * reads — a missed change may be an unpublish — so CacheInvalidationService
 * suspends it, and resumes it once the connection is back. Each cache reads
 * `suspended` where it would serve or keep an entry.
 */
export abstract class SuspendableCache {
  protected suspended = false;

  /** Forgets everything it holds. */
  abstract invalidate(): void;

  suspend(): void {
    this.suspended = true;
    this.invalidate();
  }

  resume(): void {
    this.invalidate();
    this.suspended = false;
  }
}
