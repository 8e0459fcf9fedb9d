export { instrumentHttp, UNMATCHED_ROUTE } from './http-metrics.js';
export { HEALTH_PROBE, MetricsListener } from './metrics-listener.js';
export type { HealthProbe } from './metrics-listener.js';
export { MetricsModule } from './metrics.module.js';
export { countFrom, createMetricsRegistry, METRIC_PREFIX } from './metrics-registry.js';
