import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { RouteAccessCheck } from '#auth';
import { call, createImage, createSection, createTag, createUser, type TestUser } from './support/factories.js';
import { image, mp3, upload } from './support/media-files.js';
import { FULL, isProblem, report, size } from './support/reliability.js';

const TIMEOUT = FULL ? 60 * 60_000 : 180_000;
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'unpublished', 'archived'];
/** The target state of each action, from the transitions table of API.md. */
const TARGET: Record<string, string> = {
  submit: 'in_review',
  request_changes: 'draft',
  approve: 'approved',
  publish: 'published',
  schedule: 'scheduled',
  unschedule: 'approved',
  unpublish: 'unpublished',
  archive: 'archived',
  restore: 'draft',
};
/** The source states of each action, from API.md ("published" only with unpublished changes). */
const FROM: Record<string, string[]> = {
  submit: ['draft'],
  request_changes: ['in_review'],
  approve: ['in_review'],
  publish: ['draft', 'in_review', 'approved', 'scheduled', 'published'],
  schedule: ['approved'],
  unschedule: ['scheduled'],
  unpublish: STATUSES.filter((status) => status !== 'archived'),
  archive: STATUSES.filter((status) => status !== 'archived' && status !== 'published'),
  restore: ['archived', 'unpublished'],
};

type Step =
  | { kind: 'edit'; who: number; article: number; expireSoon: boolean; embargo: boolean; stale: boolean }
  | { kind: 'transition'; who: number; article: number; action: string; stale: boolean };

/** What an article's working copy uses of the media pool: a lead image (index) or none, body images and body audio (indexes). */
interface MediaChoice {
  lead: number | null;
  images: number[];
  audio: number[];
}
type MediaStep =
  | { kind: 'attach'; article: number; media: MediaChoice; republish: boolean }
  | { kind: 'transition'; article: number; action: 'publish' | 'unpublish' | 'archive' | 'restore' };

describe('properties', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let people: TestUser[];
  let sectionId: string;
  let photoId: string;
  let tagId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url);
    people = [
      await createUser(db.prisma, 'contributor'),
      await createUser(db.prisma, 'contributor'),
      await createUser(db.prisma, 'editor'),
      await createUser(db.prisma, 'admin'),
    ];
    sectionId = (await createSection(db.prisma, { slug: 'news' })).id;
    tagId = (await createTag(db.prisma)).id;
    photoId = (await createImage(db.prisma)).id;
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  const base = () => `${admin.url}/admin/v1`;
  let counter = 0;

  /** Database invariants of one article; returns the broken ones. */
  async function invariantProblems(id: string): Promise<string[]> {
    const article = await db.prisma.article.findUniqueOrThrow({ where: { id } });
    const snapshot = await db.prisma.publishedArticle.findUnique({ where: { articleId: id } });
    const revisions = await db.prisma.articleRevision.findMany({ where: { articleId: id }, orderBy: { number: 'asc' } });
    const problems: string[] = [];
    if (!STATUSES.includes(article.status)) problems.push(`unknown status ${article.status}`);
    if ((article.liveRevision !== null) !== (snapshot !== null))
      problems.push(`liveRevision ${article.liveRevision} but snapshot ${snapshot ? 'present' : 'absent'}`);
    if (article.status === 'published' && article.liveRevision === null) problems.push('published without a live revision');
    if ((article.status === 'archived' || article.status === 'unpublished') && article.liveRevision !== null) problems.push(`${article.status} yet live`);
    if (revisions.map((r) => r.number).join(',') !== Array.from({ length: article.currentRevision }, (_, i) => i + 1).join(','))
      problems.push(`revisions ${revisions.map((r) => r.number)} vs currentRevision ${article.currentRevision}`);
    if (snapshot) {
      if (snapshot.revision !== article.liveRevision) problems.push(`snapshot revision ${snapshot.revision} ≠ live ${article.liveRevision}`);
      const live = revisions.find((r) => r.number === snapshot.revision);
      if ((live?.content as { headline?: string } | undefined)?.headline !== snapshot.headline) problems.push('snapshot headline is not the live revision’s');
    }
    return problems;
  }

  /**
   * What delivery should show for an article, from the database's own facts
   * (revision content, not the snapshot): the live revision's headline when
   * live and unexpired, else nothing.
   */
  async function truth(id: string): Promise<string | null> {
    const article = await db.prisma.article.findUniqueOrThrow({ where: { id } });
    if (article.liveRevision === null) return null;
    const snapshot = await db.prisma.publishedArticle.findUnique({ where: { articleId: id } });
    if (snapshot?.expireAt && snapshot.expireAt.getTime() <= Date.now()) return null;
    const revision = await db.prisma.articleRevision.findUniqueOrThrow({ where: { articleId_number: { articleId: id, number: article.liveRevision } } });
    return (revision.content as { headline: string }).headline;
  }

  /** Delivery agrees with the truth, allowing cache invalidation (NOTIFY after commit) up to 2 s to arrive. */
  async function deliveryLeaks(articles: { id: string; slug: string }[]): Promise<{ leaks: string[]; staleRetries: number }> {
    let staleRetries = 0;
    for (let attempt = 0; ; attempt++) {
      const leaks: string[] = [];
      const listed = await call(`${delivery.url}/content/v1`, 'GET', '/articles?limit=100');
      if (listed.status !== 200) leaks.push(`list answered ${listed.status}`);
      const listedHeadlines = new Map<string, string>((listed.body?.data ?? []).map((item: { id: string; headline: string }) => [item.id, item.headline]));
      for (const article of articles) {
        const expected = await truth(article.id);
        const one = await call(`${delivery.url}/content/v1`, 'GET', `/articles/${article.slug}`);
        const shown = one.status === 200 ? one.body.headline : null;
        if (one.status !== 200 && one.status !== 404) leaks.push(`${article.slug} answered ${one.status}`);
        const inList = listedHeadlines.get(article.id) ?? null;
        // Expiry is checked against the clock at the moment of the read, so the edge of an expiry is not a leak.
        const expected2 = await truth(article.id);
        if (shown !== expected && shown !== expected2) leaks.push(`${article.slug}: shows ${shown}, live is ${expected}`);
        if (inList !== expected && inList !== expected2) leaks.push(`${article.slug}: listed as ${inList}, live is ${expected}`);
      }
      if (leaks.length === 0 || attempt >= 10) return { leaks, staleRetries };
      staleRetries++;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it(
    'random edits and transitions by random roles never reach an invalid state, and delivery shows only live revisions',
    async () => {
      const runs = size(8, 100);
      const stepsPerRun = size(12, 40);
      const figures = { runs, steps: 0, accepted: 0, refused: 0, invalidStates: 0, leaks: 0, staleRetries: 0, deliveryChecks: 0 };
      const stepArb: fc.Arbitrary<Step> = fc.oneof(
        fc.record({
          kind: fc.constant('edit' as const),
          who: fc.nat(3),
          article: fc.nat(2),
          expireSoon: fc.boolean(),
          embargo: fc.boolean(),
          stale: fc.nat(6).map((n) => n === 0),
        }),
        fc.record({
          kind: fc.constant('transition' as const),
          who: fc.nat(3),
          article: fc.nat(2),
          action: fc.constantFrom(...Object.keys(TARGET)),
          stale: fc.nat(6).map((n) => n === 0),
        }),
      );

      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArb, { minLength: stepsPerRun, maxLength: stepsPerRun }),
          fc.array(fc.nat(1), { minLength: 3, maxLength: 3 }),
          async (steps, owners) => {
            // Three fresh articles per run, each owned by one of the contributors.
            const articles: { id: string; slug: string; owner: TestUser }[] = [];
            for (const ownerIndex of owners) {
              const owner = people[ownerIndex]!;
              const slug = `prop-${++counter}-${randomUUID().slice(0, 8)}`;
              const created = await call(base(), 'POST', '/articles', {
                auth: owner.auth,
                body: { headline: `H${counter}-0`, slug, sectionId, tagIds: [tagId], leadMediaId: photoId, body: [{ type: 'paragraph', text: 'Text.' }] },
              });
              expect(created.status).toBe(201);
              articles.push({ id: created.body.id, slug, owner });
            }
            for (const step of steps) {
              figures.steps++;
              const target = articles[step.article]!;
              const who = people[step.who]!;
              const before = await db.prisma.article.findUniqueOrThrow({ where: { id: target.id } });
              const ifMatch = { 'if-match': `"${step.stale ? before.version - 1 : before.version}"` };
              const response =
                step.kind === 'edit'
                  ? await call(base(), 'PATCH', `/articles/${target.id}`, {
                      auth: who.auth,
                      headers: ifMatch,
                      body: {
                        headline: `H${++counter}`,
                        expireAt: step.expireSoon ? new Date(Date.now() + 1500).toISOString() : null,
                        embargoUntil: step.embargo ? new Date(Date.now() + 3600_000).toISOString() : null,
                      },
                    })
                  : await call(base(), 'POST', `/articles/${target.id}/transitions`, {
                      auth: who.auth,
                      headers: ifMatch,
                      body: {
                        action: step.action,
                        ...(step.action === 'request_changes' ? { comment: 'More sources' } : {}),
                        ...(step.action === 'unpublish' ? { reason: 'Legal' } : {}),
                        ...(step.action === 'schedule' ? { publishAt: new Date(Date.now() + 3600_000).toISOString() } : {}),
                      },
                    });
              const after = await db.prisma.article.findUniqueOrThrow({ where: { id: target.id } });
              const problems = await invariantProblems(target.id);
              if (response.status >= 500 || (response.status >= 400 && !isProblem(response)))
                problems.push(`answered ${response.status} ${JSON.stringify(response.body)}`);
              if (response.status < 300) {
                figures.accepted++;
                if (step.stale) problems.push('a stale If-Match was accepted');
                if (after.version !== before.version + 1) problems.push(`version ${before.version} → ${after.version}`);
                if (who.role === 'contributor' && (target.owner.id !== who.id || (step.kind === 'transition' && step.action !== 'submit')))
                  problems.push(
                    `contributor did ${step.kind === 'edit' ? 'edit' : step.action} on ${target.owner.id === who.id ? 'own' : 'another’s'} article`,
                  );
                if (step.kind === 'transition') {
                  if (after.status !== TARGET[step.action]) problems.push(`${step.action} led to ${after.status}`);
                  if (!FROM[step.action]!.includes(before.status)) problems.push(`${step.action} accepted from ${before.status}`);
                }
              } else {
                figures.refused++;
                if (after.version !== before.version || after.status !== before.status || after.headline !== before.headline)
                  problems.push(`refused (${response.status}) yet changed`);
              }
              if (problems.length) {
                figures.invalidStates++;
                throw new Error(`after ${JSON.stringify(step)} by ${who.role}: ${problems.join('; ')}`);
              }
              const { leaks, staleRetries } = await deliveryLeaks(articles);
              figures.deliveryChecks++;
              figures.staleRetries += staleRetries;
              if (leaks.length) {
                figures.leaks += leaks.length;
                throw new Error(`delivery after ${JSON.stringify(step)}: ${leaks.join('; ')}`);
              }
            }
          },
        ),
        { numRuns: runs, endOnFailure: true },
      );
      report('property-workflow', figures);
      expect(figures.leaks).toBe(0);
      expect(figures.invalidStates).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'random attaching and detaching of media never lets delivery serve an asset no live story uses, and it always serves one that is used',
    async () => {
      // This delivery instance shares the admin's media directory, so it can render what the admin stored.
      const media = await startDeliveryApi(db.url, { MEDIA_DIR: admin.config.media.dir });
      const editor = people[2]!;
      try {
        const images: string[] = [];
        for (const colour of ['#102030', '#203040', '#304050', '#405060']) {
          const uploaded = await upload(
            base(),
            editor.auth,
            { bytes: await image('jpeg', 400, 300, colour), name: 'p.jpg', type: 'image/jpeg' },
            { credit: 'AP' },
          );
          images.push(uploaded.body.id as string);
        }
        const audio: string[] = [];
        for (const seconds of [2, 3])
          audio.push((await upload(base(), editor.auth, { bytes: mp3(seconds), name: 'a.mp3', type: 'audio/mpeg' })).body.id as string);
        const pool = [...images.map((id) => ({ id, path: `/media/${id}/320.jpeg` })), ...audio.map((id) => ({ id, path: `/media/${id}/original` }))];

        /** The assets live content shows, from the live revisions' own content (not the snapshot's media_ids that delivery reads). */
        async function liveMedia(): Promise<Set<string>> {
          const live = await db.prisma.article.findMany({ where: { liveRevision: { not: null } }, select: { id: true, liveRevision: true } });
          const revisions = await db.prisma.articleRevision.findMany({
            where: { OR: live.map((a) => ({ articleId: a.id, number: a.liveRevision! })) },
            select: { content: true },
          });
          const used = new Set<string>();
          for (const { content } of live.length ? revisions : []) {
            const c = content as { leadMediaId?: string | null; body?: { type: string; mediaId?: string }[] };
            if (c.leadMediaId) used.add(c.leadMediaId);
            for (const block of c.body ?? []) if (block.mediaId) used.add(block.mediaId);
          }
          return used;
        }

        const transition = async (id: string, action: string) => {
          const current = await db.prisma.article.findUniqueOrThrow({ where: { id } });
          return call(base(), 'POST', `/articles/${id}/transitions`, {
            auth: editor.auth,
            headers: { 'if-match': `"${current.version}"` },
            body: { action, ...(action === 'unpublish' ? { reason: 'Legal' } : {}) },
          });
        };
        const previousRuns: string[] = [];
        const figures = { runs: size(6, 60), steps: 0, accepted: 0, refused: 0, mediaChecks: 0, served: 0, withheld: 0, leaks: 0, misses: 0, staleRetries: 0 };
        const choiceArb: fc.Arbitrary<MediaChoice> = fc.record({
          lead: fc.option(fc.nat(images.length - 1), { nil: null }),
          images: fc.uniqueArray(fc.nat(images.length - 1), { maxLength: 3 }),
          audio: fc.uniqueArray(fc.nat(audio.length - 1), { maxLength: 2 }),
        });
        const stepArb: fc.Arbitrary<MediaStep> = fc.oneof(
          fc.record({ kind: fc.constant('attach' as const), article: fc.nat(2), media: choiceArb, republish: fc.boolean() }),
          fc.record({
            kind: fc.constant('transition' as const),
            article: fc.nat(2),
            action: fc.constantFrom('publish' as const, 'unpublish' as const, 'archive' as const, 'restore' as const),
          }),
        );

        await fc.assert(
          fc.asyncProperty(fc.array(stepArb, { minLength: size(10, 30), maxLength: size(10, 30) }), async (steps) => {
            // Each run starts with the pool unused: earlier runs' stories come off the site first.
            for (const earlier of previousRuns.splice(0)) {
              const article = await db.prisma.article.findUniqueOrThrow({ where: { id: earlier } });
              if (article.liveRevision !== null) expect((await transition(earlier, 'unpublish')).status).toBe(200);
            }
            const articles: string[] = [];
            for (let i = 0; i < 3; i++) {
              const created = await call(base(), 'POST', '/articles', {
                auth: editor.auth,
                body: {
                  headline: `M${++counter}`,
                  slug: `media-prop-${counter}-${randomUUID().slice(0, 8)}`,
                  sectionId,
                  body: [{ type: 'paragraph', text: 'Text.' }],
                },
              });
              expect(created.status).toBe(201);
              articles.push(created.body.id as string);
            }
            previousRuns.push(...articles);
            for (const step of steps) {
              figures.steps++;
              const id = articles[step.article]!;
              const responses = [];
              if (step.kind === 'attach') {
                const current = await db.prisma.article.findUniqueOrThrow({ where: { id } });
                const body = [
                  { type: 'paragraph', text: 'Text.' },
                  ...step.media.images.map((i) => ({ type: 'image', mediaId: images[i]! })),
                  ...step.media.audio.map((i) => ({ type: 'audio', mediaId: audio[i]! })),
                ];
                const leadMediaId = step.media.lead === null ? null : images[step.media.lead]!;
                responses.push(
                  await call(base(), 'PATCH', `/articles/${id}`, {
                    auth: editor.auth,
                    headers: { 'if-match': `"${current.version}"` },
                    body: { leadMediaId, body },
                  }),
                );
                if (step.republish && responses[0]!.status === 200) responses.push(await transition(id, 'publish'));
              } else {
                responses.push(await transition(id, step.action));
              }
              for (const response of responses) {
                if (response.status >= 500 || (response.status >= 400 && !isProblem(response)))
                  throw new Error(`${JSON.stringify(step)} answered ${response.status} ${JSON.stringify(response.body)}`);
                if (response.status < 300) figures.accepted++;
                else figures.refused++;
              }

              // Delivery must agree with the truth once the change notice has arrived (NOTIFY after commit: up to 2 s).
              for (let attempt = 0; ; attempt++) {
                const used = await liveMedia();
                const wrong: string[] = [];
                for (const asset of pool) {
                  const response = await fetch(`${media.url}/content/v1${asset.path}`);
                  await response.arrayBuffer();
                  const shouldServe = used.has(asset.id);
                  if (response.status !== (shouldServe ? 200 : 404)) wrong.push(`${asset.path}: ${response.status} while ${shouldServe ? 'live' : 'not live'}`);
                }
                if (wrong.length === 0) {
                  const served = pool.filter((asset) => used.has(asset.id)).length;
                  figures.mediaChecks += pool.length;
                  figures.served += served;
                  figures.withheld += pool.length - served;
                  break;
                }
                if (attempt >= 10) {
                  figures.leaks += wrong.filter((line) => line.includes('not live')).length;
                  figures.misses += wrong.filter((line) => !line.includes('not live')).length;
                  throw new Error(`delivery after ${JSON.stringify(step)}: ${wrong.join('; ')}`);
                }
                figures.staleRetries++;
                await new Promise((resolve) => setTimeout(resolve, 200));
              }
            }
          }),
          { numRuns: figures.runs, endOnFailure: true },
        );
        report('property-media', figures);
        expect(figures.leaks).toBe(0);
        expect(figures.misses).toBe(0);
      } finally {
        await media.close();
      }
    },
    TIMEOUT,
  );

  it(
    'random JSON against every write endpoint never yields a 5xx, and every error is problem+json',
    async () => {
      const fuzzer = await createUser(db.prisma, 'admin');
      // Real ids to aim at (half the time), so bodies reach the services and not just the id check.
      const article = await call(base(), 'POST', '/articles', { auth: fuzzer.auth, body: { headline: 'Fuzz target', sectionId } });
      const realIds: Record<string, string> = {
        articles: article.body.id,
        tags: tagId,
        sections: sectionId,
        media: photoId,
        users: people[0]!.id,
      };
      const routes = admin.app
        .get(RouteAccessCheck)
        .routes()
        .filter((route) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(route.method) && route.path !== '/auth/logout');
      const fieldNames = [
      'headline', 'slug', 'body', 'sectionId', 'tagIds', 'authorIds', 'seo', 'expireAt', 'embargoUntil', 'publishAt', 'action', 'comment', 'reason',
      'correction', 'email', 'password', 'name', 'role', 'disabled', 'url', 'events', 'secret', 'intoId', 'parentId', 'articleIds', 'locale', 'code',
      'takeOver', 'articleId', 'expiresAt', 'kind', 'translationOf', 'focalPoint', 'altText', '__proto__', 'constructor',
    ]; // prettier-ignore
      const bodyArb = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.dictionary(fc.constantFrom(...fieldNames), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
        fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })), {
          maxKeys: 6,
        }),
      );
      const idArb = fc.oneof(fc.constant('real'), fc.uuid(), fc.string({ maxLength: 40 }), fc.constantFrom('0', '-1', '99999999999', '%00', '..%2F..', 'null'));
      const figures = { requests: 0, fiveXx: 0, notProblem: 0, routes: routes.length };
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), bodyArb, idArb, fc.boolean(), async (route, body, idChoice, ifMatch) => {
          const resource = route.path.split('/')[1]!;
          const path = route.path.replace(/:[a-zA-Z]+/g, (param) => {
            if (idChoice === 'real' && param === ':id' && realIds[resource]) return realIds[resource]!;
            if (param === ':number') return '1';
            return encodeURIComponent(idChoice === 'real' ? randomUUID() : idChoice);
          });
          const response = await call(base(), route.method, path, {
            auth: fuzzer.auth,
            body: route.method === 'DELETE' ? undefined : body,
            headers: ifMatch ? { 'if-match': '"1"' } : {},
          });
          figures.requests++;
          if (response.status >= 500) figures.fiveXx++;
          if (response.status >= 400 && !isProblem(response)) figures.notProblem++;
          if (response.status >= 500 || (response.status >= 400 && !isProblem(response)))
            throw new Error(`${route.method} ${path} ${JSON.stringify(body)} → ${response.status} ${JSON.stringify(response.body)}`);
          // A fuzzed call may legitimately disable or demote its own account: make a fresh one.
          if (response.status === 401) Object.assign(fuzzer, await createUser(db.prisma, 'admin'));
        }),
        { numRuns: size(400, 5000), endOnFailure: true },
      );
      report('property-random-json', figures);
      expect(figures.fiveXx).toBe(0);
    },
    TIMEOUT,
  );
});
