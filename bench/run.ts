// npm run bench [-- --duration 15 --connections 50 --rounds 2 --warmup 5 --scenarios slug,list,tag,304,search --publish-samples 20
//                   --schedule-samples 10 --database-url postgresql://…]
// (or BENCH_DURATION, BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_WARMUP)
//
// Starts Dispatch's delivery API (cache on, and cache off), the hand-written
// baseline (pg, and from memory), the admin API and the worker against the
// benchmark database, drives each read scenario with autocannon in
// alternating order, measures publishing, prints one table and stops
// everything it started. Only 127.0.0.1 is ever contacted.
import { mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../scripts/lib/paths.js';
import { benchDatabaseUrl, flag, liveArticleCount, prepareDatabase } from './lib/bench-db.js';
import { seedBench } from './lib/bench-seed.js';
import { TOWNS } from './lib/corpus.js';
import { drive, type LoadResult, shuffled, type Target } from './lib/load.js';
import { freePort, rssSampler, type Server, startServer, stopAll, stopServer } from './lib/processes.js';
import { adminClient, BENCH_ADMIN, percentile, publishLatencies, scheduleLateness } from './lib/publish-latency.js';

const argv = process.argv.slice(2);
const num = (name: string, env: string, fallback: number) => Number(flag(argv, name) ?? process.env[env] ?? fallback);
const settings = {
  duration: num('duration', 'BENCH_DURATION', 15),
  connections: num('connections', 'BENCH_CONNECTIONS', 50),
  rounds: num('rounds', 'BENCH_ROUNDS', 2),
  warmup: num('warmup', 'BENCH_WARMUP', 5),
  publishSamples: num('publish-samples', 'BENCH_PUBLISH_SAMPLES', 20),
  scheduleSamples: num('schedule-samples', 'BENCH_SCHEDULE_SAMPLES', 10),
  seedArticles: num('seed-articles', 'BENCH_SEED_ARTICLES', 100_000),
  scenarios: (flag(argv, 'scenarios') ?? process.env.BENCH_SCENARIOS ?? 'slug,list,tag,304,search').split(','),
};
const log = (line: string) => process.stderr.write(`${line}\n`);

type ConfigName = 'dispatch' | 'dispatch-nocache' | 'baseline' | 'memory';
const CONFIG_LABEL: Record<ConfigName, string> = {
  dispatch: 'Dispatch (cache on)',
  'dispatch-nocache': 'Dispatch (cache off)',
  baseline: 'Baseline fastify+pg',
  memory: 'Baseline from memory',
};

interface Scenario {
  key: string;
  title: string;
  expectStatus: number;
  targets(config: ConfigName, server: Server): Promise<Target[]>;
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl(argv);
  await prepareDatabase(url, log);
  let articles = await liveArticleCount(url);
  if (articles === 0) {
    log(`the benchmark database is empty: seeding ${settings.seedArticles} articles (npm run bench:seed -- --articles N does this alone)`);
    await seedBench(url, { articles: settings.seedArticles, showProgress: true, log });
    articles = await liveArticleCount(url);
  }
  const keys = await sampleKeys(url);
  const logDir = await mkdtemp(join(tmpdir(), 'dispatch-bench-'));
  log(`${articles} live articles; logs in ${logDir}`);

  const dist = (path: string) => resolve(projectRoot, 'dist', path);
  const common = { DATABASE_URL: url, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', DATA_DIR: logDir };
  const delivery = async (name: ConfigName, cache: boolean) => {
    const port = await freePort();
    return startServer({
      name,
      script: dist('apps/delivery-api/src/main.js'),
      port,
      logDir,
      readyPath: '/content/v1/articles?limit=1',
      env: {
        ...common,
        DELIVERY_API_PORT: String(port),
        DELIVERY_CACHE: String(cache),
        DELIVERY_RATE_LIMIT: '0',
        DELIVERY_PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    });
  };
  const baseline = async (name: ConfigName, mode: string) => {
    const port = await freePort();
    return startServer({
      name,
      script: dist('bench/baseline/server.js'),
      port,
      logDir,
      readyPath: '/content/v1/articles?limit=1',
      env: { ...common, PORT: String(port), BASELINE_MODE: mode },
    });
  };
  const servers: Record<ConfigName, Server> = {
    dispatch: await delivery('dispatch', true),
    'dispatch-nocache': await delivery('dispatch-nocache', false),
    baseline: await baseline('baseline', 'pg'),
    memory: await baseline('memory', 'memory'),
  };

  const etags = new Map<string, string>();
  const all: Scenario[] = [
    { key: 'slug', title: 'Article by slug', expectStatus: 200, targets: async () => keys.slugs.map((path) => ({ path })) },
    { key: 'list', title: 'Latest list', expectStatus: 200, targets: async () => keys.lists.map((path) => ({ path })) },
    { key: 'tag', title: 'List by tag', expectStatus: 200, targets: async () => keys.tags.map((path) => ({ path })) },
    {
      key: '304',
      title: 'Conditional GET (304)',
      expectStatus: 304,
      targets: async (config, server) => {
        const paths = keys.slugs.slice(0, 500);
        await inBatches(paths, 20, async (path) => {
          const response = await fetch(`${server.url}${path}`);
          await response.arrayBuffer();
          etags.set(`${config} ${path}`, response.headers.get('etag') ?? '');
        });
        return paths.map((path) => ({ path, headers: { 'if-none-match': etags.get(`${config} ${path}`)! } }));
      },
    },
    { key: 'search', title: 'Search', expectStatus: 200, targets: async () => keys.searches.map((path) => ({ path })) },
  ];
  const scenarios = all.filter((scenario) => settings.scenarios.includes(scenario.key));

  const order: ConfigName[] = ['dispatch', 'baseline', 'dispatch-nocache', 'memory'];
  const results = new Map<string, LoadResult[]>();
  const rss = { dispatch: rssSampler(servers.dispatch.child.pid), nocache: rssSampler(servers['dispatch-nocache'].child.pid) };
  const load = { connections: settings.connections };
  for (const scenario of scenarios) {
    const targets = new Map<ConfigName, Target[]>();
    for (const config of order) targets.set(config, shuffled(await scenario.targets(config, servers[config])));
    for (let round = 0; round < settings.rounds; round++) {
      // A/B alternation: odd rounds run the configurations in reverse order.
      for (const config of round % 2 ? [...order].reverse() : order) {
        const server = servers[config];
        // Every key once before timing: the cache-on run then measures hits, the others a warm pool and plan cache.
        if (round === 0)
          await inBatches(targets.get(config)!, 20, (target) =>
            fetch(`${server.url}${target.path}`, { headers: target.headers }).then((r) => void r.arrayBuffer()),
          );
        if (round === 0 && settings.warmup > 0)
          await drive(server.url, targets.get(config)!, { ...load, duration: settings.warmup, expectStatus: scenario.expectStatus });
        const result = await drive(server.url, targets.get(config)!, { ...load, duration: settings.duration, expectStatus: scenario.expectStatus });
        log(`${scenario.title.padEnd(22)} ${CONFIG_LABEL[config].padEnd(22)} round ${round + 1}: ${fmtResult(result)}`);
        results.set(`${scenario.key} ${config}`, [...(results.get(`${scenario.key} ${config}`) ?? []), result]);
      }
    }
  }
  rss.dispatch.stop();
  rss.nocache.stop();
  // Load is over: publishing is measured on a quiet machine.
  await stopServer(servers.baseline);
  await stopServer(servers.memory);
  await stopServer(servers['dispatch-nocache']);

  let publish: number[] = [];
  let schedule: number[] = [];
  if (settings.publishSamples > 0 || settings.scheduleSamples > 0) {
    const adminPort = await freePort();
    const admin = await startServer({
      name: 'admin-api',
      script: dist('apps/admin-api/src/main.js'),
      port: adminPort,
      logDir,
      readyPath: '/admin/v1/health',
      env: { ...common, ADMIN_API_PORT: String(adminPort), ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password },
    });
    const worker = await startServer({ name: 'worker', script: dist('apps/worker/src/main.js'), port: adminPort, logDir, env: common });
    const client = await adminClient(admin.url);
    const fixture = await publishFixture(url);
    if (settings.publishSamples > 0) publish = await publishLatencies(client, servers.dispatch.url, fixture, settings.publishSamples);
    if (settings.scheduleSamples > 0) schedule = await scheduleLateness(client, servers.dispatch.url, fixture, settings.scheduleSamples);
    await stopServer(worker);
    await stopServer(admin);
  }

  printReport({ articles, results, scenarios, rss: { dispatch: rss.dispatch.peak(), nocache: rss.nocache.peak() }, publish, schedule });
}

/** The request mix: real slugs, lists per locale and section, tags, search words. */
async function sampleKeys(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const slugs = await client.query<{ slug: string; locale: string }>(
      `SELECT slug, locale FROM published_article WHERE expire_at IS NULL OR expire_at > now() ORDER BY md5(article_id::text) LIMIT 2000`,
    );
    const locales = await client.query<{ locale: string }>('SELECT DISTINCT locale FROM published_article ORDER BY 1');
    const sections = await client.query<{ slug: string }>('SELECT slug FROM section ORDER BY slug');
    const tags = await client.query<{ slug: string }>('SELECT slug FROM tag ORDER BY slug');
    // A town (about 1 story in 60 opens with it), alone or with a topic word.
    const topics = ['bridge', 'budget', 'farmers', 'court', 'strike', 'hospital'];
    const words = TOWNS.slice(0, 24).map((town, i) => (i % 2 ? `${town} ${topics[i % topics.length]}` : town));
    const foreign = [
      ['es', 'Kraljevo presupuestos'],
      ['fr', 'Subotica agriculteurs'],
      ['de', 'Sarajevo Brücke'],
      ['ru', 'Zagreb'],
    ];
    const available = new Set(locales.rows.map((row) => row.locale));
    return {
      slugs: slugs.rows.map((row) => `/content/v1/articles/${encodeURIComponent(row.slug)}?locale=${row.locale}`),
      lists: [
        '/content/v1/articles',
        ...locales.rows.map((row) => `/content/v1/articles?locale=${row.locale}`),
        ...sections.rows.map((row) => `/content/v1/articles?section=${row.slug}`),
      ],
      tags: tags.rows.map((row) => `/content/v1/articles?tag=${row.slug}`),
      searches: [
        ...words.map((q) => `/content/v1/search?q=${encodeURIComponent(q)}&locale=en`),
        ...foreign.filter(([locale]) => available.has(locale!)).map(([locale, q]) => `/content/v1/search?q=${encodeURIComponent(q!)}&locale=${locale}`),
      ],
    };
  } finally {
    await client.end();
  }
}

async function publishFixture(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ section_id: string; tag_ids: string[]; lead: string }>(
      `SELECT section_id::text, tag_ids::text[], summary->>'leadMediaId' AS lead FROM published_article WHERE summary->>'leadMediaId' IS NOT NULL LIMIT 1`,
    );
    const row = rows[0]!;
    return { sectionId: row.section_id, tagIds: row.tag_ids, leadMediaId: row.lead };
  } finally {
    await client.end();
  }
}

async function inBatches<T>(items: T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

/** Best round by req/s: on a shared machine the slower rounds measure the neighbours. */
function best(runs: LoadResult[] | undefined): LoadResult | undefined {
  return runs?.reduce((a, b) => (b.rps > a.rps ? b : a));
}

const fmtResult = (r: LoadResult) => `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`;

function printReport(report: {
  articles: number;
  results: Map<string, LoadResult[]>;
  scenarios: Scenario[];
  rss: { dispatch: number; nocache: number };
  publish: number[];
  schedule: number[];
}): void {
  const lines: string[] = [];
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  lines.push('');
  lines.push(
    `Dispatch delivery benchmark — ${report.articles.toLocaleString('en')} live articles, ${settings.connections} connections, ` +
      `${settings.duration} s per run, best of ${settings.rounds} alternating round(s) after ${settings.warmup} s warm-up`,
  );
  lines.push(`Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load generator on the same machine`);
  lines.push('');
  const header = ['Scenario', 'Server', 'req/s', 'p50 ms', 'p99 ms', 'errors', '× baseline', '% of memory'];
  const rows: string[][] = [];
  for (const scenario of report.scenarios) {
    const base = best(report.results.get(`${scenario.key} baseline`));
    const memory = best(report.results.get(`${scenario.key} memory`));
    for (const config of ['dispatch', 'dispatch-nocache', 'baseline', 'memory'] as ConfigName[]) {
      const r = best(report.results.get(`${scenario.key} ${config}`));
      if (!r) continue;
      rows.push([
        config === 'dispatch' ? scenario.title : '',
        CONFIG_LABEL[config],
        Math.round(r.rps).toLocaleString('en'),
        String(r.p50),
        String(r.p99),
        String(r.errors),
        base && config !== 'baseline' && config !== 'memory' ? `${(r.rps / base.rps).toFixed(2)}×` : '',
        memory && config !== 'memory' ? `${Math.round((100 * r.rps) / memory.rps)}%` : '',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => `| ${row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  lines.push(fmt(header));
  lines.push(`|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const row of rows) lines.push(fmt(row));
  lines.push('');
  const ms = (values: number[], p: number) => (values.length ? `${percentile(values, p)} ms` : 'not measured');
  lines.push(
    `Publish → visible on delivery (by slug and in the cached latest list), ${report.publish.length} samples: p50 ${ms(report.publish, 50)}, p95 ${ms(report.publish, 95)}`,
  );
  lines.push(
    `Scheduled publish lateness (visible − publishAt, worker poll ${process.env.WORKER_POLL_MS ?? 1000} ms), ${report.schedule.length} samples: ` +
      `p50 ${ms(report.schedule, 50)}, p95 ${ms(report.schedule, 95)}`,
  );
  lines.push(`Delivery API peak RSS under load: ${report.rss.dispatch.toFixed(0)} MiB (cache on), ${report.rss.nocache.toFixed(0)} MiB (cache off)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const cleanup = () => void stopAll().finally(() => process.exit(130));
process.on('SIGINT', cleanup);
process.on('SIGTERM', cleanup);
try {
  await main();
} catch (error) {
  log(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
