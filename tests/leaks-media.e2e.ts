import { randomUUID } from 'node:crypto';
import { previewKey, ScheduleService, signPreviewToken } from '#content';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { image, mp3, upload } from './support/media-files.js';
import { newsroom } from './support/newsroom.js';
import { eventually } from './support/processes.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Media on the delivery API is public only while live content shows it (or a
 * valid preview token of a working copy that uses it), and only within its
 * rights: anything else answers exactly like an id that does not exist.
 */
describe('media leaks', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;
  let sectionId: string;
  let colour = 0x102030;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url, { MEDIA_DIR: admin.config.media.dir });
    editor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma, { slug: 'world' })).id;
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  const base = () => `${admin.url}/admin/v1`;
  const desk = newsroom(base, () => sectionId);
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${delivery.url}/content/v1${path}`, { headers });
  /** Delivery's URLs name its public origin; the test reaches the same paths on its random port. */
  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, delivery.url);

  async function photo(fields: Record<string, string> = {}): Promise<string> {
    colour += 0x010305;
    const bytes = await image('jpeg', 1000, 600, `#${(colour & 0xffffff).toString(16).padStart(6, '0')}`);
    const response = await upload(base(), editor.auth, { bytes, name: 'p.jpg', type: 'image/jpeg' }, { credit: 'AP Photo', ...fields });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }
  let seconds = 2;
  async function audio(fields: Record<string, string> = {}): Promise<string> {
    // A different length each time: different bytes, so a new asset rather than a duplicate.
    const response = await upload(base(), editor.auth, { bytes: mp3(++seconds), name: 'e.mp3', type: 'audio/mpeg' }, fields);
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  /** What a 404 looks like from outside: status, body and every header that is not per-request. */
  async function shape(response: Response) {
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !['date', 'x-request-id', 'connection', 'keep-alive'].includes(name)));
    // The problem document names its request; everything else must match.
    const body = (await response.text()).replace(/"requestId":"[^"]*"/, '"requestId":"…"');
    return { status: response.status, headers, body };
  }
  const unknownRendition = async () => shape(await get(`/media/${randomUUID()}/640.webp`));
  const unknownOriginal = async () => shape(await get(`/media/${randomUUID()}/original`));
  const statusOf = async (response: Response) => {
    await response.arrayBuffer();
    return response.status;
  };
  const renditionStatus = async (id: string, query = '') => statusOf(await get(`/media/${id}/640.webp${query}`));
  const originalStatus = async (id: string, query = '') => statusOf(await get(`/media/${id}/original${query}`));
  const mediaKeysOf = async (type: string, articleId: string): Promise<string[]> => {
    const events = await db.prisma.outboxEvent.findMany({ where: { type, data: { path: ['article', 'id'], equals: articleId } }, orderBy: { seq: 'desc' } });
    return ((events[0]?.data as { surrogateKeys?: string[] } | undefined)?.surrogateKeys ?? []).filter((key) => key.startsWith('media-'));
  };

  describe('audio and video originals', () => {
    it('caps caching of an audio original at its rights expiry, and stops serving it once they have expired', async () => {
      const episode = await audio({ rightsExpireAt: new Date(Date.now() + 90_000).toISOString() });
      await desk.published(editor, { kind: 'podcast_episode', audioMediaId: episode, episodeNumber: 7 });

      for (const headers of [{}, { range: 'bytes=0-99' }] as Record<string, string>[]) {
        const response = await get(`/media/${episode}/original`, headers);
        expect(response.status).toBe('range' in headers ? 206 : 200);
        const cacheControl = response.headers.get('cache-control') ?? '';
        const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
        expect({ cacheControl, capped: maxAge > 0 && maxAge <= 90 }).toEqual({ cacheControl, capped: true });
        await response.arrayBuffer();
      }

      await call(base(), 'PATCH', `/media/${episode}`, { auth: editor.auth, body: { rightsExpireAt: new Date(Date.now() - 1000).toISOString() } });
      // A CDN holding the file purges it by the key the response carried.
      const event = await db.prisma.outboxEvent.findFirst({
        where: { type: 'media.updated', data: { path: ['id'], equals: episode } },
        orderBy: { seq: 'desc' },
      });
      expect(event?.data).toMatchObject({ surrogateKeys: [`media-${episode}`] });
      expect(await shape(await get(`/media/${episode}/original`))).toEqual(await unknownOriginal());
    });

    it('keeps a year of immutable caching for an original whose rights do not end', async () => {
      const episode = await audio();
      await desk.published(editor, { kind: 'podcast_episode', audioMediaId: episode, episodeNumber: 8 });
      const response = await get(`/media/${episode}/original`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('surrogate-key')).toContain(`media-${episode}`);
      await response.arrayBuffer();
    });
  });

  describe('only media that live content shows is public', () => {
    it('answers an unused uploaded MP3 exactly like an unknown id', async () => {
      const unused = await audio();
      expect(await shape(await get(`/media/${unused}/original`))).toEqual(await unknownOriginal());
      expect(await shape(await get(`/media/${unused}/original`, { range: 'bytes=0-9' }))).toEqual(
        await shape(await get(`/media/${randomUUID()}/original`, { range: 'bytes=0-9' })),
      );
    });

    it('answers a rendition of an image used only by an archived draft exactly like an unknown id', async () => {
      const archivedOnly = await photo();
      const draft = await desk.draft(editor, { leadMediaId: archivedOnly, body: [{ type: 'image', mediaId: archivedOnly }] });
      await desk.transition(editor, draft.id, { action: 'archive' });
      expect(await shape(await get(`/media/${archivedOnly}/640.webp`))).toEqual(await unknownRendition());
      expect(await shape(await get(`/media/${archivedOnly}/320.jpeg?aspect=16x9`))).toEqual(
        await shape(await get(`/media/${randomUUID()}/320.jpeg?aspect=16x9`)),
      );
    });

    it('serves every asset live content shows: lead, body image and audio, og image, a related card’s image, an author photo', async () => {
      const [lead, inBody, og, relatedLead, portrait] = [await photo(), await photo(), await photo(), await photo(), await photo()];
      const [clip, episode] = [await audio(), await audio()];
      const author = await call(base(), 'POST', '/authors', { auth: editor.auth, body: { name: 'Jelena Markovic', photoMediaId: portrait } });
      expect(author.status).toBe(201);
      const related = await desk.published(editor, { leadMediaId: relatedLead });
      const story = await desk.published(editor, {
        leadMediaId: lead,
        authorIds: [author.body.id],
        relatedArticleIds: [related.id],
        seo: { ogImageMediaId: og },
        body: [
          { type: 'paragraph', text: 'Text.' },
          { type: 'image', mediaId: inBody },
          { type: 'audio', mediaId: clip },
        ],
      });
      await desk.published(editor, { kind: 'podcast_episode', audioMediaId: episode, episodeNumber: 9 });

      for (const id of [lead, inBody, og, relatedLead, portrait]) {
        const response = await get(`/media/${id}/640.webp`);
        expect({ id, status: response.status }).toEqual({ id, status: 200 });
        expect(response.headers.get('surrogate-key')).toContain(`media-${id}`);
        await response.arrayBuffer();
      }
      for (const id of [clip, episode]) expect({ id, status: await originalStatus(id) }).toEqual({ id, status: 200 });

      // And every media URL the live page and the author page hand out works.
      const page = await call(`${delivery.url}/content/v1`, 'GET', `/articles/${story.slug}`);
      const profile = await call(`${delivery.url}/content/v1`, 'GET', `/authors/${author.body.slug}`);
      expect(profile.body.author.photo).toMatchObject({ id: portrait });
      const urls = [...JSON.stringify([page.body, profile.body]).matchAll(/(https?:\/\/[^"\s,]+\/content\/v1\/media\/[^"\s,]+)/g)].map((match) => match[1]!);
      expect(urls.length).toBeGreaterThan(10);
      for (const url of new Set(urls)) {
        const response = await fetch(local(url), { method: 'HEAD' });
        expect({ url, status: response.status }).toEqual({ url, status: 200 });
      }
    });

    it('stops serving an asset when its last live use goes away, and the change event carries its Surrogate-Key', async () => {
      const [only, shared] = [await photo(), await photo()];
      const a = await desk.published(editor, { leadMediaId: only, body: [{ type: 'image', mediaId: shared }] });
      const b = await desk.published(editor, { leadMediaId: shared });
      expect([await renditionStatus(only), await renditionStatus(shared)]).toEqual([200, 200]);

      // Edit and republish without `only`: it is gone at once; `shared` stays.
      expect((await desk.edit(editor, a.id, { leadMediaId: null })).status).toBe(200);
      expect(await renditionStatus(only)).toBe(200); // the unpublished edit changes nothing public
      await desk.transition(editor, a.id, { action: 'publish' });
      await eventually(async () => expect(await renditionStatus(only)).toBe(404), 3000);
      expect(await mediaKeysOf('article.updated', a.id)).toEqual([`media-${only}`]);

      // Unpublishing one of two users keeps the asset; the last one takes it off.
      await desk.transition(editor, b.id, { action: 'unpublish', reason: 'Legal' });
      expect(await renditionStatus(shared)).toBe(200);
      expect(await mediaKeysOf('article.unpublished', b.id)).toEqual([]);
      await desk.transition(editor, a.id, { action: 'unpublish', reason: 'Legal' });
      await eventually(async () => expect(await renditionStatus(shared)).toBe(404), 3000);
      expect(await mediaKeysOf('article.unpublished', a.id)).toEqual([`media-${shared}`]);
      expect(await shape(await get(`/media/${shared}/640.webp`))).toEqual(await unknownRendition());
    });

    it('stops serving at the article’s expiry, before any worker runs, and the expiry event carries the Surrogate-Key', async () => {
      const [lead, clip] = [await photo(), await audio()];
      const story = await desk.published(editor, {
        leadMediaId: lead,
        body: [{ type: 'audio', mediaId: clip }],
        expireAt: new Date(Date.now() + 6000).toISOString(),
      });
      const expireAt = (await db.prisma.publishedArticle.findUniqueOrThrow({ where: { articleId: story.id } })).expireAt!;
      const served = await get(`/media/${lead}/640.webp`);
      expect(await statusOf(served)).toBe(200);
      expect(Number(/max-age=(\d+)/.exec(served.headers.get('cache-control') ?? '')?.[1])).toBeLessThanOrEqual(6);
      expect(await originalStatus(clip)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, expireAt.getTime() - Date.now() + 200));
      expect([await renditionStatus(lead), await originalStatus(clip)]).toEqual([404, 404]);

      expect(await admin.app.get(ScheduleService).expireDue()).toBeGreaterThanOrEqual(1);
      expect((await mediaKeysOf('article.unpublished', story.id)).sort()).toEqual([`media-${lead}`, `media-${clip}`].sort());
    });

    it('serves a working copy’s media only with a valid preview token of that article, never cached', async () => {
      const [lead, clip] = [await photo(), await audio()];
      const draft = await desk.draft(editor, { leadMediaId: lead, body: [{ type: 'audio', mediaId: clip }] });
      const other = await desk.draft(editor);
      const issued = await call(base(), 'POST', `/articles/${draft.id}/preview-token`, { auth: editor.auth });
      const token = issued.body.token as string;
      const preview = await call(`${delivery.url}/content/v1`, 'GET', `/preview/articles/${draft.id}?token=${encodeURIComponent(token)}`);
      expect(preview.status).toBe(200);

      // Every media URL in the preview carries the token, and works with it.
      const urls = [...JSON.stringify(preview.body).matchAll(/(https?:\/\/[^"\s,]+\/content\/v1\/media\/[^"\s,]+)/g)].map((match) => match[1]!);
      expect(urls.length).toBeGreaterThan(5);
      for (const url of new Set(urls)) {
        expect(new URL(url).searchParams.get('token')).toBe(token);
        const response = await fetch(local(url));
        expect({ url, status: response.status }).toEqual({ url, status: 200 });
        expect(response.headers.get('cache-control')).toBe('private, no-store');
        await response.arrayBuffer();
      }

      const key = await previewKey(db.prisma, admin.config.secretKey);
      const expired = signPreviewToken(key, draft.id, new Date(Date.now() - 1000), { epoch: 0, issuer: { type: 'system' } });
      const othersToken = (await call(base(), 'POST', `/articles/${other.id}/preview-token`, { auth: editor.auth })).body.token as string;
      const [id, expiry, ...rest] = token.split('.');
      const tampered = [id, Number(expiry) + 60, ...rest].join('.');
      for (const query of ['', `?token=${expired}`, `?token=${othersToken}`, `?token=${tampered}`, '?token=garbage']) {
        expect({ query, shape: await shape(await get(`/media/${lead}/640.webp${query}`)) }).toEqual({
          query,
          shape: await shape(await get(`/media/${randomUUID()}/640.webp${query}`)),
        });
        expect({ query, status: await originalStatus(clip, query) }).toEqual({ query, status: 404 });
      }

      // Once the working copy drops the asset, its preview token no longer reaches it.
      expect((await desk.edit(editor, draft.id, { leadMediaId: null })).status).toBe(200);
      expect(await renditionStatus(lead, `?token=${token}`)).toBe(404);
      expect(await originalStatus(clip, `?token=${token}`)).toBe(200);
    });
  });
});
