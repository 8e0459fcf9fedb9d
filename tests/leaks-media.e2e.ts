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
  const renditionStatus = async (id: string, query = '') => (await get(`/media/${id}/640.webp${query}`)).status;
  const originalStatus = async (id: string, query = '') => (await get(`/media/${id}/original${query}`)).status;
  const mediaKeysOf = async (type: string, articleId: string): Promise<string[]> => {
    const events = await db.prisma.outboxEvent.findMany({ where: { type, data: { path: ['article', 'id'], equals: articleId } }, orderBy: { seq: 'desc' } });
    return ((events[0]?.data as { surrogateKeys?: string[] } | undefined)?.surrogateKeys ?? []).filter((key) => key.startsWith('media-'));
  };

  describe('audio and video originals', () => {
    it('caps caching of an audio original at its rights expiry, and stops serving it once they have expired', async () => {
      const episode = await audio({ rightsExpireAt: new Date(Date.now() + 90_000).toISOString() });
      await desk.published(editor, { kind: 'podcast_episode', audioMediaId: episode, episodeNumber: 7 });

      for (const headers of [{}, { range: 'bytes=0-99' }]) {
        const response = await get(`/media/${episode}/original`, headers);
        expect(response.status).toBe('range' in headers ? 206 : 200);
        const cacheControl = response.headers.get('cache-control') ?? '';
        const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
        expect({ cacheControl, capped: maxAge > 0 && maxAge <= 90 }).toEqual({ cacheControl, capped: true });
        await response.arrayBuffer();
      }

      await call(base(), 'PATCH', `/media/${episode}`, { auth: editor.auth, body: { rightsExpireAt: new Date(Date.now() - 1000).toISOString() } });
      expect(await shape(await get(`/media/${episode}/original`))).toEqual(await unknownOriginal());
    });

    it('keeps a year of immutable caching for an original whose rights do not end', async () => {
      const episode = await audio();
      await desk.published(editor, { kind: 'podcast_episode', audioMediaId: episode, episodeNumber: 8 });
      const response = await get(`/media/${episode}/original`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });
  });
});
