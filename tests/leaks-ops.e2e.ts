import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../apps/worker/src/worker.app.js';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { eventually } from './support/processes.js';
import { startAdminApi, startDeliveryApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Distinct short words (no two alike): as many search lexemes per character as text can carry. */
function distinctWords(count: number, { offset = 0, letters = 4, first = 0x430, alphabet = 32 } = {}): string[] {
  return Array.from({ length: count }, (_, index) => {
    let n = index + offset;
    let word = '';
    for (let letter = 0; letter < letters; letter++) {
      word += String.fromCharCode(first + (n % alphabet));
      n = Math.floor(n / alphabet);
    }
    return word;
  });
}

function paragraphsOf(words: string[], size: number): { type: 'paragraph'; text: string }[] {
  const text = words.join(' ');
  const paragraphs = [];
  for (let at = 0; at < text.length; at += size) paragraphs.push({ type: 'paragraph' as const, text: text.slice(at, at + size).trim() || 'x' });
  return paragraphs;
}

describe('one oversized or failing story does not stop publishing', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;
  let sectionId: string;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url);
    editor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma, { slug: 'world', name: 'World' })).id;
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await delivery?.close();
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;
  const move = (id: string, version: number, body: Record<string, unknown>) =>
    call(base(), 'POST', `/articles/${id}/transitions`, { auth: editor.auth, body, headers: { 'if-match': `"${version}"` } });
  const create = (fields: Record<string, unknown>) =>
    call(base(), 'POST', '/articles', {
      auth: editor.auth,
      body: { standfirst: 'A standfirst', sectionId, body: [{ type: 'paragraph', text: 'Text.' }], ...fields },
    });

  it('refuses at save, with a 4xx, the 45 × 19,000-character story that could never be published', async () => {
    // As reported: 857 KB of plain ASCII, under the JSON body limit.
    const body = paragraphsOf(distinctWords(150_000, { letters: 5, first: 0x61, alphabet: 26 }), 19_000).slice(0, 45);
    expect(body.map((block) => block.text.length).reduce((a, b) => a + b)).toBeGreaterThan(850_000);
    const created = await create({ headline: 'Oversized', body });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'body' })] });
  });

  it('publishes a story of the largest savable size, and it is searchable', async () => {
    // ~490,000 characters of distinct words: more lexemes than one tsvector can hold.
    const words = distinctWords(98_000, { offset: 12_345 });
    const created = await create({ headline: 'Very long read', body: paragraphsOf(words, 19_000) });
    expect(created.status).toBe(201);
    const published = await move(created.body.id, created.body.version, { action: 'publish' });
    expect(published.status).toBe(200);
    const search = await call(`${delivery.url}/content/v1`, 'GET', `/search?q=${encodeURIComponent(words[1]!)}`);
    expect(search.status).toBe(200);
    expect(search.body.data.map((hit: { id: string }) => hit.id)).toContain(created.body.id);
  });

  it('a poison story scheduled with a normal one: the normal one publishes on time; the failure is recorded, audited, announced and retried', async () => {
    // A fault only the poison story's publish meets, whatever its cause (here: a trigger).
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION poison_publish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.headline = 'Poison' THEN RAISE EXCEPTION 'string is too long for tsvector' USING ERRCODE = 'XX000'; END IF;
        RETURN NEW;
      END $$`);
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER poison_publish BEFORE INSERT OR UPDATE ON published_article FOR EACH ROW EXECUTE FUNCTION poison_publish()`,
    );

    const publishAt = new Date(Date.now() + 2_000);
    const ids: Record<string, string> = {};
    for (const headline of ['Poison', 'Normal']) {
      const created = await create({ headline });
      expect(created.status).toBe(201);
      let version = created.body.version;
      for (const step of [{ action: 'submit' }, { action: 'approve' }, { action: 'schedule', publishAt: publishAt.toISOString() }]) {
        const moved = await move(created.body.id, version, step);
        expect(moved.status).toBe(200);
        version = moved.body.version;
      }
      ids[headline] = created.body.id;
    }
    // Two workers: each article is still handled exactly once per attempt.
    for (let n = 0; n < 2; n++) workers.push(await createWorker(await testConfig(db.url, { WORKER_POLL_MS: '100' }), db.url));

    const live = await eventually(async () => {
      const row = await db.prisma.publishedArticle.findUnique({ where: { articleId: ids.Normal! } });
      expect(row).not.toBeNull();
      return row!;
    }, 20_000);
    expect(live.publishedAt.getTime() - publishAt.getTime()).toBeLessThan(10_000);

    const failed = await eventually(async () => {
      const row = await db.prisma.article.findUniqueOrThrow({ where: { id: ids.Poison! } });
      expect(row.publishAttempts).toBe(1);
      return row;
    }, 20_000);
    expect(failed.status).toBe('scheduled');
    expect(failed.lastPublishError).toMatch(/could not be published/i);
    expect(failed.nextPublishAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    const shown = await call(base(), 'GET', `/articles/${ids.Poison}`, { auth: editor.auth });
    expect(shown.body.publishFailure).toMatchObject({
      attempts: 1,
      lastError: failed.lastPublishError,
      nextAttemptAt: failed.nextPublishAttemptAt!.toISOString(),
    });
    const audits = await db.prisma.auditEvent.findMany({ where: { entityId: ids.Poison!, action: 'article.publish_failed' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.data).toMatchObject({ attempt: 1, nextAttemptAt: failed.nextPublishAttemptAt!.toISOString() });
    const events = await db.prisma.outboxEvent.findMany({ where: { type: 'article.publish_failed' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ article: { id: ids.Poison }, attempt: 1, willRetry: true });
    expect(await db.prisma.publishedArticle.count({ where: { articleId: ids.Poison! } })).toBe(0);

    // The fault goes away and the backoff elapses: the next attempt publishes it, and the bookkeeping clears.
    await db.prisma.$executeRawUnsafe('DROP TRIGGER poison_publish ON published_article');
    await db.prisma.article.update({ where: { id: ids.Poison! }, data: { nextPublishAttemptAt: new Date() } });
    const recovered = await eventually(async () => {
      const row = await db.prisma.article.findUniqueOrThrow({ where: { id: ids.Poison! } });
      expect(row.status).toBe('published');
      return row;
    }, 20_000);
    expect(recovered).toMatchObject({ publishAttempts: 0, lastPublishError: null, nextPublishAttemptAt: null });
    const published = await db.prisma.auditEvent.findMany({ where: { entityId: { in: Object.values(ids) }, action: 'article.published' } });
    expect(published).toHaveLength(2);
  });
});

describe('test runs clean up after themselves', () => {
  it('a jest run that starts the apps leaves no dispatch-* folder in the temp dir', async () => {
    const temp = await mkdtemp(join(process.env.DISPATCH_TEST_OUTER_TMPDIR ?? tmpdir(), 'dispatch-probe-'));
    try {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('JEST')) env[key] = value;
      Object.assign(env, { TMPDIR: temp, DATABASE_URL: process.env.DISPATCH_TEST_SERVER_URL ?? process.env.DATABASE_URL ?? '' });
      const jest = join(process.cwd(), 'node_modules', 'jest', 'bin', 'jest.js');
      // The parent's transform cache: no recompiling.
      const cache = join(process.env.DISPATCH_TEST_OUTER_TMPDIR ?? tmpdir(), `jest_${process.getuid?.().toString(36) ?? 'x'}`);
      const run = spawnSync(process.execPath, [jest, '--ci', '--cacheDirectory', cache, '--testMatch', '**/tests/support/temp-dirs.probe.ts'], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(`${run.stderr}`).toMatch(/Tests:\s+1 passed/);
      expect((await readdir(temp)).filter((name) => name.startsWith('dispatch-'))).toEqual([]);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }, 150_000);
});
