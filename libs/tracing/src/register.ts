// The --import preload every Dispatch process starts with (npm start's
// children, the start:* scripts). With no OTEL_* variables asking for traces
// it returns having loaded nothing else: no SDK, no loader hooks.
import { fallbackServiceName, tracingRequested } from './tracing-env.js';

if (tracingRequested(process.env)) {
  const fallback = fallbackServiceName(process.env, process.argv[1]);
  // The SDK reads the service name from the environment; set only when the operator did not name it.
  if (fallback) process.env.OTEL_SERVICE_NAME = fallback;
  const { startTracing } = await import('./tracing.sdk.js');
  startTracing();
}
