import { afterFailure, MAX_RETRY_DELAY_MS, retryDelayMs } from './webhook-backoff.js';

const base = { baseMs: 2000 };
const middle = () => 0.5;

describe('webhook retry schedule', () => {
  it('grows ×3 from the base without jitter at the midpoint', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, { ...base, random: middle }))).toEqual([2000, 6000, 18000, 54000, 162000]);
  });

  it('puts the first two retries within a minute, seconds apart, even at the top of the jitter', () => {
    const slowest = { ...base, random: () => 0.999999 };
    const first = retryDelayMs(1, slowest);
    const second = retryDelayMs(2, slowest);
    expect(first).toBeLessThan(5000);
    expect(first + second).toBeLessThan(15_000);
    expect(first + second + retryDelayMs(3, slowest)).toBeLessThan(60_000);
  });

  it('never waits longer than 24 h between attempts, and reaches that cap', () => {
    for (let n = 1; n <= 60; n++) {
      expect(retryDelayMs(n, { ...base, random: () => 0.999999 })).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
    }
    expect(retryDelayMs(14, { ...base, random: middle })).toBe(MAX_RETRY_DELAY_MS);
  });

  it('jitters within ±25 % of the nominal delay', () => {
    expect(retryDelayMs(3, { ...base, random: () => 0 })).toBe(13500);
    expect(retryDelayMs(3, { ...base, random: () => 0.999999 })).toBeCloseTo(22500, -1);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, base)));
    expect(seen.size).toBeGreaterThan(1);
    for (const delay of seen) {
      expect(delay).toBeGreaterThanOrEqual(13500);
      expect(delay).toBeLessThanOrEqual(22500);
    }
  });

  it('rejects nonsense attempt numbers', () => {
    expect(() => retryDelayMs(0, base)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, base)).toThrow(RangeError);
  });

  it('retries until the last allowed attempt, then fails', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(afterFailure(1, 3, { ...base, random: middle }, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-11-27T12:00:02Z') });
    expect(afterFailure(2, 3, { ...base, random: middle }, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-11-27T12:00:06Z') });
    expect(afterFailure(3, 3, base, now)).toEqual({ status: 'failed' });
    expect(afterFailure(7, 3, base, now)).toEqual({ status: 'failed' });
  });
});
