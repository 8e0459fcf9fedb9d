import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry.js';

/** Requests no route matched (404s, scanners) share one label, so random URLs cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Routes left out of the request series: scrapes would otherwise dominate them. */
const UNCOUNTED_ROUTES = new Set(['/metrics']);

/**
 * Counts every response of a Fastify-backed app and times it, labelled by
 * route pattern (`/content/v1/articles/:slug`, never the raw URL). An
 * onResponse hook, so answers sent from an onRequest hook (delivery's cache
 * hits, CORS preflights, rate-limit refusals) are counted too; the duration
 * is Fastify's own, from the request's arrival. Does nothing when the app
 * has no metrics registry.
 */
export function instrumentHttp(app: INestApplication): void {
  let registry: Registry;
  try {
    registry = app.get(Registry, { strict: false });
  } catch {
    return;
  }
  const requests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP responses sent, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'Time from request arrival to the response being sent, by method, route pattern and status class (2xx, 4xx…)',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    if (!UNCOUNTED_ROUTES.has(route)) {
      const method = METHODS.has(request.method) ? request.method : 'other';
      const status = reply.statusCode;
      requests.inc({ method, route, status });
      duration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, reply.elapsedTime / 1000);
    }
    done();
  });
}
