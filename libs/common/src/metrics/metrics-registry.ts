import { collectDefaultMetrics, Counter, type CounterConfiguration, Registry } from 'prom-client';

/** Our own series start with this; prom-client's process and Node.js series keep their standard names. */
export const METRIC_PREFIX = 'dispatch_';

/**
 * A registry for one app instance: every series carries `app`, and the
 * process and runtime series (CPU, memory, event loop lag, GC) are on it.
 * One per instance, never prom-client's global one, so tests that build
 * several apps in one process do not collide.
 */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * A counter fed by plain numbers that hot code increments (`hits++`): at
 * scrape time it catches up with what `read` reports, per label set, so
 * the hot path never touches prom-client.
 */
export function countFrom<L extends string>(
  registry: Registry,
  config: Omit<CounterConfiguration<L>, 'registers' | 'collect'>,
  read: () => number | Partial<Record<string, number>>,
  labelName?: L,
): Counter<L> {
  const seen = new Map<string, number>();
  return new Counter<L>({
    ...config,
    registers: [registry],
    collect() {
      const value = read();
      const entries: [string, number][] = typeof value === 'number' ? [['', value]] : Object.entries(value).map(([k, v]) => [k, v ?? 0]);
      for (const [label, total] of entries) {
        // Known label values show from the start, at 0, so a rate over them is defined before the first event.
        const delta = Math.max(0, total - (seen.get(label) ?? 0));
        if (delta === 0 && seen.has(label)) continue;
        seen.set(label, total);
        if (labelName) this.inc({ [labelName]: label } as Partial<Record<L, string>>, delta);
        else this.inc(delta);
      }
    },
  });
}
