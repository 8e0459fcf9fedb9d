import { MAX_PUBLISH_ATTEMPTS, publishRetryAt } from './publish-retry.js';

describe('publishRetryAt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const delay = (attempt: number) => publishRetryAt(attempt, now)!.getTime() - now.getTime();

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4, 5].map(delay)).toEqual([30_000, 120_000, 480_000, 1_920_000, 3_600_000]);
  });

  it('gives up after the last attempt', () => {
    expect(publishRetryAt(MAX_PUBLISH_ATTEMPTS, now)).toBeNull();
  });
});
