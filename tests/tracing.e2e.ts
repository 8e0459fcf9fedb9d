import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { seed } from '../scripts/lib/seed.js';
import { tracingPreload } from '../scripts/lib/tracing-preload.js';
import { freePort } from './support/ports.js';
import { eventually, runBuilt } from './support/processes.js';
import { testConfig } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** One span as OTLP/JSON carries it, with its resource's service name. */
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  scope: string;
  service: string;
  attributes: Record<string, unknown>;
}

const SERVER = 2;
const PARENT_SPAN = 'b7ad6b7169203331';
const traceparent = (traceId: string) => `00-${traceId}-${PARENT_SPAN}-01`;

/** A collector: what the SDK exports over OTLP/HTTP (JSON encoding), flattened. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      type Attribute = { key: string; value: Record<string, unknown> };
      const payload = JSON.parse(body) as {
        resourceSpans: {
          resource: { attributes: Attribute[] };
          scopeSpans: { scope: { name: string }; spans: (Omit<ExportedSpan, 'attributes'> & { attributes: Attribute[] })[] }[];
        }[];
      };
      const flat = (attributes: Attribute[]) => Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
      for (const { resource, scopeSpans } of payload.resourceSpans) {
        const service = String(flat(resource.attributes)['service.name']);
        for (const { scope, spans: batch } of scopeSpans)
          for (const span of batch) spans.push({ ...span, scope: scope.name, service, attributes: flat(span.attributes) });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, spans, server };
}

/** No OTEL_* from the machine running the tests: each case sets its own. */
const withoutOtel = Object.fromEntries(
  Object.keys(process.env)
    .filter((key) => key.startsWith('OTEL_'))
    .map((key) => [key, undefined]),
);

/**
 * Traces as an operator turns them on: the delivery API started the way
 * `npm start` starts it (the tracing --import), exporting over OTLP to a
 * collector, answering real requests from a real PostgreSQL.
 */
describe('traces', () => {
  let db: TestDatabase;
  let dataDir: string;
  let collector: Awaited<ReturnType<typeof startCollector>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = await testConfig(db.url);
    dataDir = config.dataDir;
    await seed(db.url, config, () => undefined);
    collector = await startCollector();
  });
  afterAll(async () => {
    collector?.server.close();
    await db?.drop();
  });

  const otlp = () => ({
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.url,
    // Nothing is sent on a timer during the test: what arrives, arrives through the flush on SIGTERM.
    OTEL_BSP_SCHEDULE_DELAY: '600000',
  });

  it('follows a delivery request from the HTTP edge through Fastify to its SQL, in the caller’s trace', async () => {
    const port = await freePort();
    const app = runBuilt(
      'apps/delivery-api/src/main.js',
      { ...withoutOtel, ...otlp(), DATABASE_URL: db.url, DATA_DIR: dataDir, DELIVERY_API_PORT: String(port), LOG_LEVEL: 'silent' },
      { nodeArgs: tracingPreload },
    );
    const base = `http://127.0.0.1:${port}/content/v1`;
    const miss = '0af7651916cd43dd8448eb211c80319c';
    const hit = '1af7651916cd43dd8448eb211c80319c';
    const preview = '2af7651916cd43dd8448eb211c80319c';
    try {
      await eventually(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (response.status !== 200) throw new Error(`health ${response.status}`);
      });
      expect((await fetch(`${base}/articles`, { headers: { traceparent: traceparent(miss) } })).status).toBe(200);
      // The same URL again is answered from the response cache, in an onRequest hook.
      expect((await fetch(`${base}/articles`, { headers: { traceparent: traceparent(hit) } })).status).toBe(200);
      const token = 'preview-token-that-must-not-leave';
      await fetch(`${base}/preview/articles/00000000-0000-4000-8000-000000000000?token=${token}`, { headers: { traceparent: traceparent(preview) } });
      app.child.kill('SIGTERM');
      await app.exited;
      expect(JSON.stringify(collector.spans)).not.toContain(token);
    } finally {
      app.child.kill('SIGKILL');
    }
    const output = app.output();
    const spans = collector.spans;
    // Nothing from the SDK's diagnostics (export failures, unknown settings): at LOG_LEVEL=silent, nothing at all.
    expect(output.trim()).toBe('');
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['dispatch-delivery-api']));

    // One trace per request, each the caller's (no span of theirs in any other trace).
    const inTrace = (traceId: string) => spans.filter((span) => span.traceId === traceId);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([miss, hit, preview]));

    const missed = inTrace(miss);
    const servers = missed.filter((span) => span.kind === SERVER);
    expect(servers).toHaveLength(1);
    const [server] = servers;
    expect(server).toMatchObject({
      name: 'GET /content/v1/articles',
      scope: '@opentelemetry/instrumentation-http',
      parentSpanId: PARENT_SPAN,
      attributes: expect.objectContaining({ 'http.route': '/content/v1/articles', 'http.response.status_code': 200 }),
    });
    const fastify = missed.filter((span) => span.scope === '@fastify/otel');
    expect(fastify.map((span) => span.name).sort()).toEqual(['handler - ArticleController.list', 'request']);

    const byId = new Map(missed.map((span) => [span.spanId, span]));
    const ancestry = (span: ExportedSpan): string[] => {
      const chain: string[] = [];
      for (let at = byId.get(span.parentSpanId ?? ''); at; at = byId.get(at.parentSpanId ?? '')) chain.push(at.name);
      return chain;
    };
    const queries = missed.filter((span) => span.name.startsWith('pg.query'));
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      expect(ancestry(query)).toEqual(['handler - ArticleController.list', 'request', 'GET /content/v1/articles']);
      expect(query.attributes['db.query.text']).toEqual(expect.stringMatching(/^SELECT /));
      // The statement text only: no parameter values recorded.
      expect(Object.keys(query.attributes).filter((key) => /param|values/i.test(key))).toEqual([]);
    }

    // A cache hit: still one HTTP server span named by its route, and no route handler or SQL.
    const hitSpans = inTrace(hit);
    expect(hitSpans.filter((span) => span.kind === SERVER).map((span) => [span.name, span.attributes['http.route']])).toEqual([
      ['GET /content/v1/articles', '/content/v1/articles'],
    ]);
    expect(hitSpans.map((span) => span.name).sort()).toEqual(['GET /content/v1/articles', 'request']);

    const previewServer = inTrace(preview).find((span) => span.kind === SERVER)!;
    expect(previewServer.name).toBe('GET /content/v1/preview/articles/:id');
    expect(previewServer.attributes['url.query']).toBe('token=REDACTED');
  });

  it('starts no SDK and patches nothing when no OTEL_* variable asks for traces', async () => {
    const probe = (env: Record<string, string | undefined>) =>
      runBuilt(
        join(process.cwd(), 'tests/support/trace-probe.mjs'),
        { ...withoutOtel, ...env, DATABASE_URL: db.url, DATA_DIR: dataDir },
        { nodeArgs: tracingPreload },
      );
    const report = async (run: ReturnType<typeof probe>) => {
      expect(await run.exited).toBe(0);
      return JSON.parse(run.output().trim()) as Record<string, unknown>;
    };

    const [off, disabled, on] = await Promise.all([
      report(probe({})),
      report(probe({ ...otlp(), OTEL_SDK_DISABLED: 'true' })),
      report(probe({ ...otlp(), OTEL_SERVICE_NAME: 'probe-service' })),
    ]);
    const nothing = { status: 200, sdkStarted: false, recording: false, pgPatched: false, serviceName: null };
    expect(off).toEqual(nothing);
    expect(disabled).toEqual(nothing);
    // The same probe with tracing asked for: what the two above must not show.
    expect(on).toEqual({ status: 200, sdkStarted: true, recording: true, pgPatched: true, serviceName: 'probe-service' });
  });
});
