import { countFrom, createMetricsRegistry } from './metrics-registry.js';

describe('countFrom', () => {
  it('catches up with plain counters at scrape time, known labels shown at 0', async () => {
    const registry = createMetricsRegistry('test-app');
    const counts = { capacity: 0, expired: 0 };
    countFrom(registry, { name: 'dispatch_test_evictions_total', help: 'test', labelNames: ['reason'] as const }, () => counts, 'reason');
    const read = async () => (await registry.getSingleMetric('dispatch_test_evictions_total')!.get()).values.map((v) => [v.labels.reason, v.value]);

    expect(await read()).toEqual([
      ['capacity', 0],
      ['expired', 0],
    ]);
    counts.capacity += 3;
    expect(await read()).toEqual([
      ['capacity', 3],
      ['expired', 0],
    ]);
    counts.capacity += 1;
    counts.expired += 2;
    expect(await read()).toEqual([
      ['capacity', 4],
      ['expired', 2],
    ]);
  });

  it('labels every series with the app and keeps registries apart', async () => {
    const one = createMetricsRegistry('one');
    const two = createMetricsRegistry('two');
    let hits = 0;
    countFrom(one, { name: 'dispatch_test_hits_total', help: 'test' }, () => hits);
    countFrom(two, { name: 'dispatch_test_hits_total', help: 'test' }, () => 0);
    hits = 5;
    expect(await one.metrics()).toContain('dispatch_test_hits_total{app="one"} 5');
    expect(await two.metrics()).toContain('dispatch_test_hits_total{app="two"} 0');
  });
});
