import { defaultServiceName, fallbackServiceName, tracingRequested } from './tracing-env.js';

describe('tracingRequested', () => {
  it.each<[Record<string, string>, boolean]>([
    [{}, false],
    [{ OTEL_SERVICE_NAME: 'x' }, false],
    [{ OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_TRACES_EXPORTER: ' ' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'otlp,none' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'TRUE' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'false' }, true],
  ])('%j → %s', (env, expected) => {
    expect(tracingRequested(env)).toBe(expected);
  });
});

describe('service name', () => {
  it.each([
    ['/srv/dispatch/dist/apps/admin-api/src/main.js', 'dispatch-admin-api'],
    ['/srv/dispatch/dist/apps/delivery-api/src/main.js', 'dispatch-delivery-api'],
    ['/srv/dispatch/dist/apps/worker/src/main.js', 'dispatch-worker'],
    ['/srv/dispatch/tests/support/trace-probe.mjs', 'dispatch'],
  ])('%s → %s', (entry, name) => {
    expect(defaultServiceName(entry)).toBe(name);
  });

  it('leaves a name the operator gave alone', () => {
    const entry = 'dist/apps/worker/src/main.js';
    expect(fallbackServiceName({}, entry)).toBe('dispatch-worker');
    expect(fallbackServiceName({ OTEL_SERVICE_NAME: 'edge-eu' }, entry)).toBeUndefined();
    expect(fallbackServiceName({ OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod, service.name=edge-eu' }, entry)).toBeUndefined();
    expect(fallbackServiceName({ OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod' }, entry)).toBe('dispatch-worker');
  });
});
