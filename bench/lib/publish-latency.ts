import { sleep } from './processes.js';

export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench-password-2026!' };

interface Fixture {
  sectionId: string;
  tagIds: string[];
  leadMediaId: string;
}

interface AdminClient {
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

export async function adminClient(adminUrl: string): Promise<AdminClient> {
  const login = await fetch(`${adminUrl}/admin/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return {
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      const response = await fetch(`${adminUrl}/admin/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : {}) as T;
    },
  };
}

async function createDraft(admin: AdminClient, fixture: Fixture, label: string): Promise<{ id: string; slug: string; version: number }> {
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return admin.call('POST', '/articles', {
    locale: 'en',
    headline: `Benchmark ${label} ${stamp}`,
    slug: `bench-${label}-${stamp}`,
    standfirst: 'A story written by the benchmark to time publishing.',
    body: [{ type: 'paragraph', text: 'The benchmark publishes this story and waits until readers can see it.' }],
    sectionId: fixture.sectionId,
    tagIds: fixture.tagIds,
    leadMediaId: fixture.leadMediaId,
  });
}

/** True once the article answers by slug and heads the latest list (both possibly cached). */
async function visible(deliveryUrl: string, slug: string, id: string): Promise<boolean> {
  const article = await fetch(`${deliveryUrl}/content/v1/articles/${slug}`);
  await article.arrayBuffer();
  if (article.status !== 200) return false;
  const list = (await (await fetch(`${deliveryUrl}/content/v1/articles?locale=en&limit=20`)).json()) as { data: { id: string }[] };
  return list.data.some((item) => item.id === id);
}

async function waitVisible(deliveryUrl: string, slug: string, id: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await visible(deliveryUrl, slug, id)) return Date.now();
    await sleep(5);
  }
  throw new Error(`article ${slug} not visible on delivery after ${timeoutMs} ms`);
}

/**
 * Publish latency: from sending the publish transition to the article being
 * served by slug and at the top of the (cached) latest list.
 */
export async function publishLatencies(admin: AdminClient, deliveryUrl: string, fixture: Fixture, samples: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const draft = await createDraft(admin, fixture, 'publish');
    // Prime delivery's cache so a missed invalidation would show as stale.
    await fetch(`${deliveryUrl}/content/v1/articles?locale=en&limit=20`).then((r) => r.arrayBuffer());
    const started = Date.now();
    await admin.call('POST', `/articles/${draft.id}/transitions`, { action: 'publish' }, { 'if-match': `"${draft.version}"` });
    latencies.push((await waitVisible(deliveryUrl, draft.slug, draft.id)) - started);
  }
  return latencies;
}

/**
 * Scheduled-publish lateness: articles scheduled a few seconds ahead (spread
 * over a poll interval or two); lateness is first visibility minus publishAt.
 */
export async function scheduleLateness(admin: AdminClient, deliveryUrl: string, fixture: Fixture, samples: number): Promise<number[]> {
  const drafts = [];
  for (let i = 0; i < samples; i++) {
    let article = await createDraft(admin, fixture, 'schedule');
    for (const action of ['submit', 'approve']) {
      article = await admin.call('POST', `/articles/${article.id}/transitions`, { action }, { 'if-match': `"${article.version}"` });
    }
    drafts.push(article);
  }
  const base = Date.now() + 3000;
  const scheduled = [];
  for (const [i, article] of drafts.entries()) {
    const publishAt = base + i * 237;
    await admin.call(
      'POST',
      `/articles/${article.id}/transitions`,
      { action: 'schedule', publishAt: new Date(publishAt).toISOString() },
      {
        'if-match': `"${article.version}"`,
      },
    );
    scheduled.push({ ...article, publishAt });
  }
  return Promise.all(scheduled.map(async (article) => (await waitVisible(deliveryUrl, article.slug, article.id, 60_000)) - article.publishAt));
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
