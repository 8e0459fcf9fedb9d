import { readdir } from 'node:fs/promises';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import sharp from 'sharp';
import { createMediaStorage } from '#content';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { image, jpegWithMetadata, upload } from './support/media-files.js';
import { newsroom } from './support/newsroom.js';
import { startS3, type RunningS3 } from './support/s3-server.js';
import { startAdminApi, startDeliveryApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('media on S3-compatible storage', () => {
  let s3: RunningS3;
  let client: S3Client;
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;
  let editor: TestUser;

  beforeAll(async () => {
    s3 = await startS3();
    client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    db = await createTestDatabase();
    admin = await startAdminApi(db.url, s3.env);
    delivery = await startDeliveryApi(db.url, s3.env);
    editor = await createUser(db.prisma, 'editor');
  });
  afterAll(async () => {
    await admin?.close();
    await delivery?.close();
    client?.destroy();
    await db?.drop();
    await s3?.close();
  });

  const base = () => `${admin.url}/admin/v1`;
  const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((object) => object.Key!).sort();

  it('chooses the driver from configuration', async () => {
    expect(createMediaStorage((await testConfig(db.url, s3.env)).media).kind).toBe('s3');
    expect(createMediaStorage((await testConfig(db.url)).media).kind).toBe('local');
  });

  it('stores an upload in the bucket under its sha256, not on local disk', async () => {
    const jpeg = await jpegWithMetadata({ iptc: { credit: 'AP Photo', byline: 'Bojan Slavkovic' } });
    const response = await upload(base(), editor.auth, { bytes: jpeg, name: 'k.jpg', type: 'image/jpeg' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ credit: 'AP Photo', creator: 'Bojan Slavkovic', mime: 'image/jpeg' });
    const sha = response.body.sha256 as string;
    const key = `${sha.slice(0, 2)}/${sha}.jpg`;
    expect(await keys()).toEqual([key]);
    const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(head.ContentLength).toBe(jpeg.length);
    expect(head.ContentType).toBe('image/jpeg');
    const stored = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(jpeg)).toBe(true);
    await expect(readdir(admin.config.media.dir)).rejects.toMatchObject({ code: 'ENOENT' });

    const duplicate = await upload(base(), editor.auth, { bytes: jpeg, name: 'again.jpg', type: 'image/jpeg' });
    expect(duplicate).toMatchObject({ status: 200, body: { id: response.body.id, duplicate: true } });
    expect(await keys()).toEqual([key]);
  });

  it('renders renditions from the bucket into the bucket, without GPS, and deletes everything with the asset', async () => {
    const response = await upload(base(), editor.auth, {
      bytes: await jpegWithMetadata({ iptc: { credit: 'Reuters' }, colour: '#204060' }),
      name: 'r.jpg',
      type: 'image/jpeg',
    });
    const id = response.body.id as string;
    // Delivery serves only what live content shows.
    const section = await createSection(db.prisma);
    const desk = newsroom(base, () => section.id);
    const story = await desk.published(editor, { leadMediaId: id });
    const served = await fetch(`${delivery.url}/content/v1/media/${id}/640.webp`);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await served.arrayBuffer());
    expect(await sharp(body).metadata()).toMatchObject({ format: 'webp', width: 640 });
    expect(await exifr.gps(body).catch(() => undefined)).toBeUndefined();
    expect(await keys()).toContain(`renditions/${id}/640.webp`);
    const cached = await fetch(`${delivery.url}/content/v1/media/${id}/640.webp`, { headers: { 'if-none-match': served.headers.get('etag')! } });
    expect(cached.status).toBe(304);

    // Off the site and out of the working copy: now it can go.
    expect((await desk.edit(editor, story.id, { leadMediaId: null })).status).toBe(200);
    await desk.transition(editor, story.id, { action: 'unpublish', reason: 'Cleanup' });
    expect((await call(base(), 'DELETE', `/media/${id}`, { auth: editor.auth })).status).toBe(204);
    const sha = response.body.sha256 as string;
    expect((await keys()).filter((key) => key.includes(id) || key.includes(sha))).toEqual([]);
  });

  it('streams a larger upload to the bucket intact', async () => {
    const big = await sharp(await image('png', 2400, 1600, '#ffffff'))
      .composite([
        {
          input: await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
            .png()
            .toBuffer(),
          left: 0,
          top: 0,
        },
      ])
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const response = await upload(base(), editor.auth, { bytes: big, name: 'big.png', type: 'image/png' });
    expect(response.status).toBe(201);
    const sha = response.body.sha256 as string;
    const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${sha.slice(0, 2)}/${sha}.png` }));
    expect(head.ContentLength).toBe(big.length);
  });
});
