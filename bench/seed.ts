// npm run bench:seed -- --articles 100000 [--database-url URL] [--batch 10000]
// Fills the benchmark database (default: dispatch_bench on DATABASE_URL's
// server, created and migrated when missing) with a newsroom archive.
import { benchDatabaseUrl, flag, prepareDatabase } from './lib/bench-db.js';
import { seedBench } from './lib/bench-seed.js';

const argv = process.argv.slice(2);
const articles = Number(flag(argv, 'articles') ?? 100_000);
const batchSize = Number(flag(argv, 'batch') ?? 10_000);
if (!Number.isInteger(articles) || articles < 1 || !Number.isInteger(batchSize) || batchSize < 1) {
  process.stderr.write('usage: npm run bench:seed -- --articles 100000 [--database-url postgresql://…] [--batch 10000]\n');
  process.exit(2);
}
const url = benchDatabaseUrl(argv);
const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  log(`seeding ${articles} articles into ${url.replace(/:[^:@/]*@/, ':***@')}`);
  await prepareDatabase(url, log);
  const result = await seedBench(url, { articles, batchSize, showProgress: true, log });
  log(`seeded ${result.articles} articles in ${result.seconds.toFixed(1)} s`);
} catch (error) {
  process.stderr.write(`bench:seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
