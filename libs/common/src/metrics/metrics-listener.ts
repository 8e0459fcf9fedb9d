import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Registry } from 'prom-client';

/** Answers GET /health on the operators' port too (the database module provides it): status code and JSON body. */
export const HEALTH_PROBE = Symbol('HEALTH_PROBE');
export type HealthProbe = () => Promise<{ status: number; body: unknown }>;

/**
 * The operators' port: GET /metrics (and GET /health, for the worker, which has no other HTTP server) in Prometheus text format on a plain
 * node:http server beside the app, never on its public port. Started by the
 * app's entry point (run-app), not by building the app, so tests can build
 * many apps in one process; closed with the app.
 */
@Injectable()
export class MetricsListener implements OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly registry: Registry,
    @Optional() @Inject(HEALTH_PROBE) private readonly health?: HealthProbe,
  ) {}

  /** Listens on host:port; rejects with the listen error (EADDRINUSE…) as net does. Resolves to the bound port. */
  listen(host: string, port: number): Promise<number> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/health' && this.health && request.method === 'GET') {
        this.health().then(
          ({ status, body }) => response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body)),
          () => response.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}'),
        );
        return;
      }
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: try GET /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
          response.end(request.method === 'HEAD' ? undefined : text);
        },
        (error: unknown) => {
          response
            .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
            .end(`cannot collect metrics: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    });
    // A scraper's keep-alive connection must not hold up shutdown.
    server.keepAliveTimeout = 5000;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.server = server;
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
