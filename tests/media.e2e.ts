import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { MediaLibraryService } from '#content';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { GPS, image, jpegWithMetadata, m4a, mp3, mp4, upload, xmpPacket } from './support/media-files.js';
import { newsroom } from './support/newsroom.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const AP = {
  credit: 'AP Photo',
  byline: 'Bojan Slavkovic',
  caption: 'FILE PHOTO: NATO troops guard a checkpoint near the village of Leposavic, northern Kosovo.',
  copyright: '© 2022 The Associated Press',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('media library', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;
  let contributor: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    // Both apps share one media directory, as they would share a volume or a bucket.
    delivery = await startDeliveryApi(db.url, { MEDIA_DIR: admin.config.media.dir });
    editor = await createUser(db.prisma, 'editor');
    contributor = await createUser(db.prisma, 'contributor');
  });
  afterAll(async () => {
    await admin?.close();
    await delivery?.close();
    await db?.drop();
  });

  const base = () => `${admin.url}/admin/v1`;
  const content = () => `${delivery.url}/content/v1`;
  const rendition = (path: string, headers: Record<string, string> = {}) => fetch(`${content()}${path}`, { headers });
  const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

  describe('upload and embedded metadata', () => {
    it('fills credit "AP Photo" and creator "Bojan Slavkovic" from the IPTC block of an uploaded JPEG', async () => {
      const jpeg = await jpegWithMetadata({ iptc: AP });
      const response = await upload(base(), editor.auth, { bytes: jpeg, name: 'kosovo.jpg', type: 'image/jpeg' });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/admin/v1/media/${response.body.id}`);
      expect(response.body).toMatchObject({
        kind: 'image',
        mime: 'image/jpeg',
        bytes: jpeg.length,
        width: 1400,
        height: 900,
        durationSeconds: null,
        credit: 'AP Photo',
        creator: 'Bojan Slavkovic',
        caption: AP.caption,
        copyrightNotice: '© 2022 The Associated Press',
        creditLine: '© AP Photo / Bojan Slavkovic',
        focalPoint: { x: 0.5, y: 0.5 },
        isFilePhoto: false,
        rightsExpireAt: null,
        createdBy: editor.id,
        duplicate: false,
      });
      expect(response.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      const fetched = await call(base(), 'GET', `/media/${response.body.id}`, { auth: contributor.auth });
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({ credit: 'AP Photo', creator: 'Bojan Slavkovic' });
      const audit = await db.prisma.auditEvent.findFirst({ where: { action: 'media.uploaded', entityId: response.body.id } });
      expect(audit?.actorId).toBe(editor.id);
    });

    it('reads XMP (photoshop:Credit, dc:creator, dc:rights, dc:description) when there is no IIM block', async () => {
      const jpeg = await jpegWithMetadata({
        xmp: xmpPacket({ credit: 'Reuters', byline: 'Marko Djurica', copyright: '© Reuters 2026', caption: 'Patrol near Zubin Potok' }),
        colour: '#123456',
      });
      const response = await upload(base(), editor.auth, { bytes: jpeg, name: 'patrol.jpg', type: 'image/jpeg' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        credit: 'Reuters',
        creator: 'Marko Djurica',
        copyrightNotice: '© Reuters 2026',
        caption: 'Patrol near Zubin Potok',
        creditLine: '© Reuters / Marko Djurica',
      });
    });

    it('lets metadata sent with the upload win over what the file says', async () => {
      const jpeg = await jpegWithMetadata({ iptc: AP, colour: '#445566' });
      const response = await upload(
        base(),
        editor.auth,
        { bytes: jpeg, name: 'x.jpg', type: 'image/jpeg' },
        {
          creator: 'Corrected Name',
          altText: 'Soldiers at a checkpoint',
          focalPoint: '0.25,0.75',
          isFilePhoto: 'true',
          digitalSourceType: 'digitalCapture',
          rightsExpireAt: '2030-01-01T00:00:00Z',
        },
      );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        credit: 'AP Photo',
        creator: 'Corrected Name',
        altText: 'Soldiers at a checkpoint',
        focalPoint: { x: 0.25, y: 0.75 },
        isFilePhoto: true,
        digitalSourceType: 'digitalCapture',
        rightsExpireAt: '2030-01-01T00:00:00.000Z',
      });
    });

    it('recognises a PNG renamed .jpg and sent with a wrong Content-Type from its bytes', async () => {
      const png = await image('png', 800, 500);
      const response = await upload(base(), contributor.auth, { bytes: png, name: 'holiday.jpg', type: 'image/jpeg' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ kind: 'image', mime: 'image/png', width: 800, height: 500, originalName: 'holiday.jpg' });
    });

    it.each([
      ['webp', 'image/webp'],
      ['avif', 'image/avif'],
      ['gif', 'image/gif'],
    ] as const)('accepts %s images', async (format, mime) => {
      const bytes = await image(format, 700, 420, format === 'gif' ? '#ff0000' : '#00aa00');
      const response = await upload(base(), editor.auth, { bytes, name: `file.bin`, type: 'application/octet-stream' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ kind: 'image', mime, width: 700, height: 420 });
    });

    it('refuses a text file posing as an image with 415, storing nothing', async () => {
      const before = await db.prisma.mediaAsset.count();
      const text = Buffer.from('This is not a photo. '.repeat(200));
      const response = await upload(base(), editor.auth, { bytes: text, name: 'photo.jpg', type: 'image/jpeg' });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('unsupported_media_type');
      expect(await db.prisma.mediaAsset.count()).toBe(before);
      expect(await readdir(join(admin.config.dataDir, 'incoming'))).toEqual([]);
    });

    it('refuses an SVG (scriptable) and a JPEG header followed by garbage', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'.padEnd(200, ' '));
      expect((await upload(base(), editor.auth, { bytes: svg, name: 'a.svg', type: 'image/svg+xml' })).status).toBe(415);
      const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]);
      const response = await upload(base(), editor.auth, { bytes: broken, name: 'b.jpg', type: 'image/jpeg' });
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('unsupported_media_type');
    });

    it('accepts MP3, M4A and MP4 with their durations', async () => {
      const mp3Response = await upload(base(), editor.auth, { bytes: mp3(5), name: 'episode.mp3', type: 'audio/mpeg' });
      expect(mp3Response.status).toBe(201);
      expect(mp3Response.body).toMatchObject({ kind: 'audio', mime: 'audio/mpeg', width: null, height: null });
      expect(mp3Response.body.durationSeconds).toBeCloseTo(5, 0);
      const m4aResponse = await upload(base(), editor.auth, { bytes: m4a(1753), name: 'E1125.m4a', type: 'application/octet-stream' });
      expect(m4aResponse.status).toBe(201);
      expect(m4aResponse.body).toMatchObject({ kind: 'audio', mime: 'audio/mp4', durationSeconds: 1753 });
      const mp4Response = await upload(base(), editor.auth, { bytes: mp4(7.5), name: 'clip.mov', type: 'video/quicktime' });
      expect(mp4Response.status).toBe(201);
      expect(mp4Response.body).toMatchObject({ kind: 'video', mime: 'video/mp4', durationSeconds: 7.5 });
    });

    it('answers the same bytes again with the existing asset, and says so', async () => {
      const jpeg = await jpegWithMetadata({ iptc: AP, colour: '#010203' });
      const first = await upload(base(), editor.auth, { bytes: jpeg, name: 'one.jpg', type: 'image/jpeg' });
      const again = await upload(base(), contributor.auth, { bytes: jpeg, name: 'two.jpg', type: 'image/jpeg' }, { caption: 'ignored' });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: first.body.id, duplicate: true, sha256: first.body.sha256, caption: AP.caption });
      expect(await db.prisma.mediaAsset.count({ where: { sha256: first.body.sha256 } })).toBe(1);
    });

    it('stores the original once, under its sha256', async () => {
      const png = await image('png', 400, 300, '#abcdef');
      const response = await upload(base(), editor.auth, { bytes: png, name: 'p.png', type: 'image/png' });
      const sha = response.body.sha256 as string;
      expect(await readdir(join(admin.config.media.dir, sha.slice(0, 2)))).toContain(`${sha}.png`);
    });

    it('validates the request: file required, unknown or bad fields refused, JSON bodies refused', async () => {
      const png = await image('png', 100, 100, '#000001');
      const missing = await upload(base(), editor.auth, null, { caption: 'no file' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'file' })]);
      const unknown = await upload(base(), editor.auth, { bytes: png, name: 'a.png', type: 'image/png' }, { colour: 'blue' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ path: 'colour', message: 'unknown field' }]);
      const focal = await upload(base(), editor.auth, { bytes: png, name: 'a.png', type: 'image/png' }, { focalPoint: '1.5,0.2' });
      expect(focal.status).toBe(400);
      expect(focal.body.errors[0].path).toBe('focalPoint.x');
      const json = await call(base(), 'POST', '/media', { auth: editor.auth, body: { file: 'aGVsbG8=' } });
      expect(json.status).toBe(415);
      expect(await db.prisma.mediaAsset.count({ where: { width: 100, height: 100 } })).toBe(0);
      expect((await upload(base(), { authorization: 'Bearer nope' }, { bytes: png, name: 'a.png', type: 'image/png' })).status).toBe(401);
    });
  });

  describe('limits', () => {
    let small: RunningApp;
    beforeAll(async () => {
      small = await startAdminApi(db.url, { MEDIA_MAX_IMAGE_BYTES: '60000', MEDIA_MAX_AV_BYTES: '30000', MEDIA_MAX_IMAGE_PIXELS: '1000000' });
    });
    afterAll(() => small?.close());

    it('refuses an image over the byte limit with 413', async () => {
      const noisy = await sharp(randomBytes(300 * 300 * 3), { raw: { width: 300, height: 300, channels: 3 } })
        .png()
        .toBuffer();
      expect(noisy.length).toBeGreaterThan(60000);
      const response = await upload(`${small.url}/admin/v1`, editor.auth, { bytes: noisy, name: 'big.png', type: 'image/png' });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'payload_too_large', maxBytes: 60000 });
    });

    it('applies the audio/video limit to audio', async () => {
      const response = await upload(`${small.url}/admin/v1`, editor.auth, { bytes: mp3(3), name: 'long.mp3', type: 'audio/mpeg' });
      expect(response.status).toBe(413);
      expect(response.body.maxBytes).toBe(30000);
      expect((await upload(`${small.url}/admin/v1`, editor.auth, { bytes: mp3(1), name: 'short.mp3', type: 'audio/mpeg' })).status).toBe(201);
    });

    it('refuses a decompression bomb (small file, huge pixel count) with 413', async () => {
      const bomb = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#ffffff' } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      expect(bomb.length).toBeLessThan(60000);
      const response = await upload(`${small.url}/admin/v1`, editor.auth, { bytes: bomb, name: 'bomb.png', type: 'image/png' });
      expect(response.status).toBe(413);
      expect(response.body.detail).toMatch(/4000×3000 pixels/);
    });
  });

  describe('library', () => {
    let tagged: string;
    let uncredited: string;

    beforeAll(async () => {
      const one = await upload(
        base(),
        editor.auth,
        { bytes: await image('jpeg', 900, 600, '#a1b2c3'), name: 'a.jpg', type: 'image/jpeg' },
        { caption: 'Harbour at dawn in Kotor', credit: 'Dispatch Staff' },
      );
      const two = await upload(
        base(),
        editor.auth,
        { bytes: await image('jpeg', 900, 600, '#c3b2a1'), name: 'b.jpg', type: 'image/jpeg' },
        { caption: 'Uncredited handout' },
      );
      tagged = one.body.id;
      uncredited = two.body.id;
    });

    it('searches caption, credit and creator, filters by kind and by missing credit', async () => {
      const byCaption = await call(base(), 'GET', '/media?q=kotor', { auth: contributor.auth });
      expect(byCaption.body.data.map((m: { id: string }) => m.id)).toEqual([tagged]);
      const byCredit = await call(base(), 'GET', '/media?q=dispatch%20staff', { auth: contributor.auth });
      expect(byCredit.body.data.map((m: { id: string }) => m.id)).toEqual([tagged]);
      const byCreator = await call(base(), 'GET', '/media?q=slavkovic&kind=image', { auth: contributor.auth });
      expect(byCreator.body.data.length).toBeGreaterThan(0);
      expect(byCreator.body.data.every((m: { creator: string }) => /slavkovic/i.test(m.creator))).toBe(true);
      const missing = await call(base(), 'GET', '/media?missingCredit=true&kind=image&limit=100', { auth: contributor.auth });
      const ids = missing.body.data.map((m: { id: string }) => m.id);
      expect(ids).toContain(uncredited);
      expect(ids).not.toContain(tagged);
      expect(missing.body.data.every((m: { credit: string; creator: string }) => m.credit === '' && m.creator === '')).toBe(true);
      const audio = await call(base(), 'GET', '/media?kind=audio', { auth: contributor.auth });
      expect(audio.body.data.length).toBeGreaterThan(0);
      expect(audio.body.data.every((m: { kind: string }) => m.kind === 'audio')).toBe(true);
      expect((await call(base(), 'GET', '/media?kind=pdf', { auth: contributor.auth })).status).toBe(400);
    });

    it('pages newest first with a cursor, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await call(
          base(),
          'GET',
          `/media?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          { auth: editor.auth },
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((m) => m.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await db.prisma.mediaAsset.count());
      expect((await call(base(), 'GET', '/media?cursor=garbage', { auth: editor.auth })).status).toBe(400);
    });

    it('lets an editor correct metadata, audits it and emits media.updated', async () => {
      const patch = await call(base(), 'PATCH', `/media/${uncredited}`, {
        auth: editor.auth,
        body: { credit: '  Handout ', creator: 'Ministry of Defence', focalPoint: { x: 0.1, y: 0.9 }, rightsExpireAt: '2031-05-01T00:00:00Z' },
      });
      expect(patch.status).toBe(200);
      expect(patch.body).toMatchObject({
        credit: 'Handout',
        creator: 'Ministry of Defence',
        creditLine: '© Handout / Ministry of Defence',
        focalPoint: { x: 0.1, y: 0.9 },
        rightsExpireAt: '2031-05-01T00:00:00.000Z',
      });
      const audit = await db.prisma.auditEvent.findFirst({ where: { action: 'media.updated', entityId: uncredited } });
      expect(audit?.data).toMatchObject({ fields: expect.arrayContaining(['credit', 'creator', 'focalPoint', 'rightsExpireAt']) });
      const event = await db.prisma.outboxEvent.findFirst({ where: { type: 'media.updated' }, orderBy: { id: 'desc' } });
      expect(event?.data).toMatchObject({ id: uncredited, media: { credit: 'Handout' } });
      const cleared = await call(base(), 'PATCH', `/media/${uncredited}`, { auth: editor.auth, body: { rightsExpireAt: null, digitalSourceType: null } });
      expect(cleared.body.rightsExpireAt).toBeNull();
    });

    it('refuses bad PATCH bodies with 400 and unknown ids with 404', async () => {
      for (const body of [
        { focalPoint: { x: 2, y: 0 } },
        { credit: null },
        { sha256: 'x' },
        { isFilePhoto: 'yes' },
        { rightsExpireAt: 'soon' },
        { focalPoint: { x: 0.5, y: 0.5, z: 1 } },
      ]) {
        const response = await call(base(), 'PATCH', `/media/${tagged}`, { auth: editor.auth, body });
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
      expect((await call(base(), 'GET', '/media/00000000-0000-4000-8000-000000000000', { auth: editor.auth })).status).toBe(404);
      expect((await call(base(), 'GET', '/media/not-a-uuid', { auth: editor.auth })).status).toBe(404);
    });

    it('refuses to delete an asset a draft or live article uses, listing the articles; deletes it once unused', async () => {
      const asset = await upload(
        base(),
        editor.auth,
        { bytes: await image('webp', 500, 500, '#0f0f0f'), name: 'used.webp', type: 'image/webp' },
        { credit: 'AFP' },
      );
      const id = asset.body.id as string;
      const draft = await createArticle(db, 'Serbia invokes UN resolution on Kosovo', 'draft');
      const live = await createArticle(db, 'NATO reinforces presence in Kosovo', 'published');
      await db.prisma.articleMediaUse.create({ data: { articleId: draft, mediaId: id } });
      await db.prisma.$executeRaw`UPDATE published_article SET media_ids = ARRAY[${id}::uuid] WHERE article_id = ${live}::uuid`;

      expect((await call(base(), 'DELETE', `/media/${id}`, { auth: contributor.auth })).status).toBe(403);
      const refused = await call(base(), 'DELETE', `/media/${id}`, { auth: editor.auth });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('in_use');
      expect(refused.body.articles).toEqual([
        { id: live, headline: 'NATO reinforces presence in Kosovo', status: 'published', live: true },
        { id: draft, headline: 'Serbia invokes UN resolution on Kosovo', status: 'draft', live: false },
      ]);
      const usage = await call(base(), 'GET', `/media/${id}/usage`, { auth: editor.auth });
      expect(usage.body.data).toHaveLength(2);
      // A contributor sees only the live story: the draft is someone else's.
      const seen = await call(base(), 'GET', `/media/${id}/usage`, { auth: contributor.auth });
      expect(seen.body.data).toEqual([{ id: live, headline: 'NATO reinforces presence in Kosovo', status: 'published', live: true }]);

      await db.prisma.articleMediaUse.deleteMany({ where: { mediaId: id } });
      expect((await call(base(), 'DELETE', `/media/${id}`, { auth: editor.auth })).status).toBe(409);
      await db.prisma.$executeRaw`UPDATE published_article SET media_ids = '{}' WHERE article_id = ${live}::uuid`;
      const sha = asset.body.sha256 as string;
      expect(await readdir(join(admin.config.media.dir, sha.slice(0, 2)))).toContain(`${sha}.webp`);
      expect((await call(base(), 'DELETE', `/media/${id}`, { auth: editor.auth })).status).toBe(204);
      expect((await call(base(), 'GET', `/media/${id}`, { auth: editor.auth })).status).toBe(404);
      expect(await readdir(join(admin.config.media.dir, sha.slice(0, 2)))).not.toContain(`${sha}.webp`);
      expect(await db.prisma.auditEvent.count({ where: { action: 'media.deleted', entityId: id } })).toBe(1);
    });

    it('tells publishing that an uncredited image blocks it (the data the workflow checks)', async () => {
      const bare = await upload(base(), editor.auth, { bytes: await image('png', 640, 400, '#777777'), name: 'bare.png', type: 'image/png' });
      expect(bare.body.creditLine).toBe('');
      const library = admin.app.get(MediaLibraryService);
      expect(await library.publishProblems([bare.body.id, tagged])).toEqual([expect.objectContaining({ mediaId: bare.body.id, code: 'image_uncredited' })]);
    });
  });

  describe("publishing uses the library's credits and rights", () => {
    const publish = (id: string, version: number) =>
      call(base(), 'POST', `/articles/${id}/transitions`, { auth: editor.auth, body: { action: 'publish' }, headers: { 'if-match': `"${version}"` } });

    it('refuses to publish an article whose photo lacks a credit, and publishes it once the editor credits the photo', async () => {
      const section = await createSection(db.prisma, { slug: 'world-news', name: 'World News' });
      const photo = await upload(
        base(),
        contributor.auth,
        { bytes: await image('jpeg', 1200, 800, '#5a5a5a'), name: 'handout.jpg', type: 'image/jpeg' },
        { caption: 'A checkpoint' },
      );
      expect(photo.body.creditLine).toBe('');
      const created = await call(base(), 'POST', '/articles', {
        auth: editor.auth,
        body: {
          headline: 'NATO reinforces presence in Kosovo',
          standfirst: 'KFOR sets up additional patrols',
          sectionId: section.id,
          leadMediaId: photo.body.id,
          body: [
            { type: 'paragraph', text: 'Text.' },
            { type: 'image', mediaId: photo.body.id },
          ],
        },
      });
      expect(created.status).toBe(201);

      const refused = await publish(created.body.id, created.body.version);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('publish_precondition_failed');
      expect(refused.body.errors).toEqual(expect.arrayContaining([{ path: 'leadMediaId', message: expect.stringMatching(/credit/) }]));
      expect(await db.prisma.publishedArticle.findUnique({ where: { articleId: created.body.id } })).toBeNull();

      // The photo is in use by the draft: it cannot be deleted from under it.
      const deletion = await call(base(), 'DELETE', `/media/${photo.body.id}`, { auth: editor.auth });
      expect(deletion.status).toBe(409);
      expect(deletion.body.articles).toEqual([expect.objectContaining({ id: created.body.id, status: 'draft' })]);

      await call(base(), 'PATCH', `/media/${photo.body.id}`, { auth: editor.auth, body: { credit: 'AP Photo', creator: 'Bojan Slavkovic' } });
      const published = await publish(created.body.id, created.body.version);
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
    });

    it('refuses to publish with a photo whose rights have expired', async () => {
      const section = await createSection(db.prisma, { slug: 'europe', name: 'Europe' });
      const photo = await upload(
        base(),
        editor.auth,
        { bytes: await image('jpeg', 1200, 800, '#6b6b6b'), name: 'old.jpg', type: 'image/jpeg' },
        {
          credit: 'Pool',
          rightsExpireAt: '2026-01-01T00:00:00Z',
        },
      );
      const created = await call(base(), 'POST', '/articles', {
        auth: editor.auth,
        body: {
          headline: 'Archive story',
          standfirst: 'From the archive',
          sectionId: section.id,
          leadMediaId: photo.body.id,
          body: [{ type: 'paragraph', text: 'Text.' }],
        },
      });
      const refused = await publish(created.body.id, created.body.version);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual(expect.arrayContaining([{ path: 'leadMediaId', message: expect.stringMatching(/rights/) }]));
    });
  });

  describe('renditions on the delivery API', () => {
    let photo: string;
    let sectionId: string;
    /** Delivery serves only media that live content shows: each asset here goes on a live story first. */
    const showLive = (images: string[], audio: string[] = []) =>
      newsroom(base, () => sectionId).published(editor, {
        body: [...images.map((mediaId) => ({ type: 'image', mediaId })), ...audio.map((mediaId) => ({ type: 'audio', mediaId }))],
      });

    beforeAll(async () => {
      sectionId = (await createSection(db.prisma, { slug: 'renditions', name: 'Renditions' })).id;
      const response = await upload(base(), editor.auth, {
        bytes: await jpegWithMetadata({ iptc: AP, width: 1600, height: 1000, colour: '#335577' }),
        name: 'k.jpg',
        type: 'image/jpeg',
      });
      photo = response.body.id;
      await showLive([photo]);
    });

    it('serves a 640 px WebP rendition with immutable caching, a strong ETag and no GPS', async () => {
      const original = await db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: photo } });
      const stored = await readdir(join(admin.config.media.dir, original.sha256.slice(0, 2)));
      expect(stored).toContain(`${original.sha256}.jpg`);
      // The original really carries the photographer's position.
      expect(await exifr.gps(join(admin.config.media.dir, original.storageKey))).toMatchObject({ latitude: GPS.latitude, longitude: GPS.longitude });

      const response = await rendition(`/media/${photo}/640.webp`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
      const etag = response.headers.get('etag');
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const body = await bytesOf(response);
      expect(Number(response.headers.get('content-length'))).toBe(body.length);
      const meta = await sharp(body).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: 640, height: 400 });
      expect(meta.exif).toBeUndefined();
      expect(await exifr.gps(body).catch(() => undefined)).toBeUndefined();
      const embedded = await exifr.parse(body, { gps: true, xmp: true, iptc: true, tiff: true }).catch(() => undefined);
      expect(JSON.stringify(embedded ?? {})).not.toMatch(/GPS|latitude|longitude/i);

      const again = await rendition(`/media/${photo}/640.webp`, { 'if-none-match': etag! });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      const repeat = await rendition(`/media/${photo}/640.webp`);
      expect(repeat.headers.get('etag')).toBe(etag);
      expect((await bytesOf(repeat)).equals(body)).toBe(true);
      expect(await db.prisma.mediaRendition.count({ where: { mediaId: photo, width: 640, format: 'webp' } })).toBe(1);
    });

    it('keeps the credit in XMP but drops location in JPEG renditions', async () => {
      const response = await rendition(`/media/${photo}/960.jpeg`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      const body = await bytesOf(response);
      const meta = await exifr.parse(body, { xmp: true, gps: true, iptc: true, mergeOutput: false });
      expect(meta).toMatchObject({ photoshop: { Credit: 'AP Photo' }, dc: { creator: 'Bojan Slavkovic' } });
      expect(meta.gps).toBeUndefined();
      expect((await sharp(body).metadata()).width).toBe(960);
    });

    it('serves AVIF, and each ladder width up to the original only', async () => {
      const avif = await rendition(`/media/${photo}/320.avif`);
      expect(avif.status).toBe(200);
      expect(avif.headers.get('content-type')).toBe('image/avif');
      expect(await sharp(await bytesOf(avif)).metadata()).toMatchObject({ width: 320, height: 200 });
      expect((await rendition(`/media/${photo}/1280.jpeg`)).status).toBe(200);
      for (const path of [
        `/media/${photo}/1920.webp`,
        `/media/${photo}/500.webp`,
        `/media/${photo}/640.png`,
        `/media/${photo}/640`,
        `/media/not-a-uuid/640.webp`,
        `/media/00000000-0000-4000-8000-000000000000/640.webp`,
      ]) {
        const response = await rendition(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      }
    });

    it('crops to an aspect ratio around the focal point', async () => {
      // Left half red, right half blue; focal point far right: a square crop is blue.
      const halves = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#ff0000' } })
        .composite([{ input: { create: { width: 800, height: 900, channels: 3, background: '#0000ff' } }, left: 800, top: 0 }])
        .jpeg()
        .toBuffer();
      const asset = await upload(base(), editor.auth, { bytes: halves, name: 'halves.jpg', type: 'image/jpeg' }, { credit: 'Test', focalPoint: '0.95,0.5' });
      await showLive([asset.body.id]);
      const square = await rendition(`/media/${asset.body.id}/640.webp?aspect=1x1`);
      expect(square.status).toBe(200);
      const body = await bytesOf(square);
      expect(await sharp(body).metadata()).toMatchObject({ width: 640, height: 640 });
      const { channels } = await sharp(body).stats();
      expect(channels[2].mean).toBeGreaterThan(200);
      expect(channels[0].mean).toBeLessThan(40);

      const wide = await rendition(`/media/${asset.body.id}/640.jpeg?aspect=16x9`);
      expect(await sharp(await bytesOf(wide)).metadata()).toMatchObject({ width: 640, height: 360 });
      // 900 px high: a 1x1 crop is 900 wide, so 960 is too wide for it.
      expect((await rendition(`/media/${asset.body.id}/960.webp?aspect=1x1`)).status).toBe(404);
      expect((await rendition(`/media/${asset.body.id}/640.webp?aspect=7x5`)).status).toBe(400);

      // Moving the focal point to the left re-crops (red), with a new ETag.
      const before = square.headers.get('etag');
      await call(base(), 'PATCH', `/media/${asset.body.id}`, { auth: editor.auth, body: { focalPoint: { x: 0.05, y: 0.5 } } });
      const moved = await rendition(`/media/${asset.body.id}/640.webp?aspect=1x1`);
      expect(moved.headers.get('etag')).not.toBe(before);
      const movedStats = await sharp(await bytesOf(moved)).stats();
      expect(movedStats.channels[0].mean).toBeGreaterThan(200);
    });

    it('renders once when many first requests arrive together', async () => {
      const asset = await upload(
        base(),
        editor.auth,
        { bytes: await image('jpeg', 1300, 800, '#246810'), name: 'c.jpg', type: 'image/jpeg' },
        { credit: 'Test' },
      );
      await showLive([asset.body.id]);
      const second = await startDeliveryApi(db.url, { MEDIA_DIR: admin.config.media.dir });
      try {
        const urls = Array.from({ length: 8 }, (_, i) => `${i % 2 ? second.url : delivery.url}/content/v1/media/${asset.body.id}/1280.avif`);
        const responses = await Promise.all(urls.map((url) => fetch(url)));
        expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
        const etags = new Set(responses.map((r) => r.headers.get('etag')));
        expect(etags.size).toBe(1);
        await Promise.all(responses.map((r) => r.arrayBuffer()));
        const rows = await db.prisma.mediaRendition.findMany({ where: { mediaId: asset.body.id } });
        expect(rows).toHaveLength(1);
        expect(`"${rows[0].etag}"`).toBe([...etags][0]);
      } finally {
        await second.close();
      }
    });

    it('stops serving an asset whose rights have expired, and shortens caching before that', async () => {
      const asset = await upload(
        base(),
        editor.auth,
        { bytes: await image('jpeg', 700, 500, '#13579b'), name: 'r.jpg', type: 'image/jpeg' },
        { credit: 'Pool', rightsExpireAt: new Date(Date.now() + 3600_000).toISOString() },
      );
      await showLive([asset.body.id]);
      const soon = await rendition(`/media/${asset.body.id}/640.webp`);
      expect(soon.status).toBe(200);
      const maxAge = Number(/max-age=(\d+)/.exec(soon.headers.get('cache-control') ?? '')?.[1]);
      expect(maxAge).toBeGreaterThan(3500);
      expect(maxAge).toBeLessThanOrEqual(3600);
      await call(base(), 'PATCH', `/media/${asset.body.id}`, { auth: editor.auth, body: { rightsExpireAt: new Date(Date.now() - 1000).toISOString() } });
      expect((await rendition(`/media/${asset.body.id}/640.webp`)).status).toBe(404);
      expect((await rendition(`/media/${asset.body.id}/320.jpeg`)).status).toBe(404);
    });

    it('serves images only, over GET and HEAD only', async () => {
      const audio = (await upload(base(), editor.auth, { bytes: mp3(6), name: 'live.mp3', type: 'audio/mpeg' })).body as { id: string };
      await showLive([], [audio.id]);
      expect((await fetch(`${content()}/media/${audio.id}/original`, { method: 'HEAD' })).status).toBe(200);
      expect((await rendition(`/media/${audio.id}/320.webp`)).status).toBe(404);
      const head = await fetch(`${content()}/media/${photo}/640.webp`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('cache-control')).toBe(IMMUTABLE);
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await fetch(`${content()}/media/${photo}/640.webp`, { method });
        expect([404, 405]).toContain(response.status);
      }
    });
  });
});

/** A minimal article row (and, for "published", its live snapshot) that uses nothing yet. */
async function createArticle(db: TestDatabase, headline: string, status: 'draft' | 'published'): Promise<string> {
  const suffix = Math.random().toString(36).slice(2, 8);
  await db.prisma.locale.upsert({ where: { code: 'en' }, create: { code: 'en', name: 'English', nativeName: 'English', isDefault: true }, update: {} });
  const section = await db.prisma.section.create({ data: { slug: `world-${suffix}`, name: 'World' } });
  const group = await db.prisma.translationGroup.create({ data: {} });
  const article = await db.prisma.article.create({
    data: { locale: 'en', translationGroupId: group.id, slug: `story-${suffix}`, headline, status, sectionId: section.id },
  });
  if (status === 'published') {
    const now = new Date();
    await db.prisma.publishedArticle.create({
      data: {
        articleId: article.id,
        revision: 1,
        locale: 'en',
        slug: article.slug,
        kind: 'story',
        translationGroupId: group.id,
        sectionId: section.id,
        sectionIds: [section.id],
        tagIds: [],
        authorIds: [],
        mediaIds: [],
        headline,
        publishedAt: now,
        firstPublishedAt: now,
        updatedAt: now,
        summary: {},
        document: {},
        etag: 'test',
      },
    });
  }
  return article.id;
}
