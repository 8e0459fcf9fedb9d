import { call, createImage, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { startAdminApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The admin article and media routes as the OpenAPI document declares them:
 * what a generated client relies on (request and response share the Block
 * components, nullable fields are `[X, "null"]`, If-Match is required), and
 * every route walked once so the contract check sees each declared response.
 */
describe('admin articles and media: the contract', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let editor: TestUser;
  let otherEditor: TestUser;
  let sectionId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the served document, read as JSON
  let document: any;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    editor = await createUser(db.prisma, 'editor');
    otherEditor = await createUser(db.prisma, 'editor');
    sectionId = (await createSection(db.prisma, { slug: 'world-news', name: 'World News' })).id;
    document = await (await fetch(`${api.url}/admin/docs/openapi.json`)).json();
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const base = () => `${api.url}/admin/v1`;
  const { draft } = newsroom(base, () => sectionId);
  const operation = (path: string, method: string) => document.paths[`/admin/v1${path}`][method];
  const bodySchema = (path: string, method: string) => {
    const ref: string = operation(path, method).requestBody.content['application/json'].schema.$ref;
    return document.components.schemas[ref.split('/').pop()!];
  };
  const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

  it('declares nullable request fields as [type, "null"] with their format, and the body as the Block union the responses use', () => {
    const create = bodySchema('/articles', 'post');
    for (const field of ['sectionId', 'leadMediaId', 'audioMediaId', 'assigneeId']) {
      expect({ field, ...create.properties[field] }).toMatchObject({ field, type: ['string', 'null'], format: 'uuid' });
    }
    for (const field of ['embargoUntil', 'publishAt', 'expireAt']) {
      expect({ field, ...create.properties[field] }).toMatchObject({ field, type: ['string', 'null'], format: 'date-time' });
    }
    expect(create.properties.episodeNumber).toMatchObject({ type: ['integer', 'null'] });
    expect(bodySchema('/media/{id}', 'patch').properties.digitalSourceType).toMatchObject({ type: ['string', 'null'] });
    expect(bodySchema('/media/{id}', 'patch').properties.rightsExpireAt).toMatchObject({ type: ['string', 'null'], format: 'date-time' });

    expect(create.properties.body.items).toEqual({ $ref: '#/components/schemas/Block' });
    expect(document.components.schemas.Article.properties.body.items).toEqual({ $ref: '#/components/schemas/Block' });
    const block = document.components.schemas.Block;
    expect(Object.keys(block.discriminator.mapping).sort()).toEqual(['audio', 'embed', 'heading', 'image', 'list', 'paragraph', 'quote', 'related']);
    expect(block.discriminator.mapping.paragraph).toBe('#/components/schemas/ParagraphBlock');
  });

  it('declares If-Match as required on every write that needs it, with 412 and 428, and ETag on article reads and writes', () => {
    for (const [path, method] of [
      ['/articles/{id}', 'patch'],
      ['/articles/{id}/transitions', 'post'],
      ['/articles/{id}/revisions/{number}/restore', 'post'],
    ] as const) {
      const declared = operation(path, method);
      expect(declared.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: true }));
      expect(Object.keys(declared.responses)).toEqual(expect.arrayContaining(['200', '404', '412', '428']));
      expect(declared.responses['200'].headers.ETag).toBeDefined();
    }
    expect(operation('/articles/{id}', 'get').responses['200'].headers.ETag).toBeDefined();
    expect(operation('/articles', 'post').responses['201'].headers.ETag).toBeDefined();
    expect(Object.keys(operation('/articles/{id}/transitions', 'post').responses)).toEqual(expect.arrayContaining(['409', '422']));
    const upload = operation('/media', 'post');
    expect(upload.requestBody.content['multipart/form-data'].schema).toEqual({ $ref: '#/components/schemas/MediaUploadForm' });
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['200', '201', '413', '415', '422']));
  });

  it('walks every article route once: each response is as declared', async () => {
    const image = await createImage(db.prisma, { credit: 'AP Photo', creator: 'Bojan Slavkovic' });
    const uncredited = await createImage(db.prisma, { credit: '', creator: '' });
    const article = await draft(editor, {
      headline: 'NATO reinforces presence in Kosovo',
      leadMediaId: image.id,
      body: [
        { type: 'paragraph', text: 'The **KFOR** force sets up _additional_ patrols.' },
        { type: 'heading', level: 2, text: 'Patrols' },
        { type: 'image', mediaId: image.id, caption: 'A checkpoint' },
        { type: 'quote', text: 'We are here.', attribution: 'A spokesman' },
        { type: 'list', ordered: false, items: ['one', 'two'] },
        { type: 'embed', url: 'https://example.com/video', provider: 'example' },
        { type: 'image', mediaId: uncredited.id },
      ],
      seo: { title: 'NATO in Kosovo' },
    });
    const id: string = article.id;
    const read = await call(base(), 'GET', `/articles/${id}`, { auth: editor.auth });
    expect(read.headers.get('etag')).toBe(`"${read.body.version}"`);
    expect((await call(base(), 'GET', '/articles?limit=1', { auth: editor.auth })).status).toBe(200);

    // If-Match: missing is 428, stale is 412 with the current version.
    expect((await call(base(), 'PATCH', `/articles/${id}`, { auth: editor.auth, body: { headline: 'x' } })).body.code).toBe('precondition_required');
    const stale = await call(base(), 'PATCH', `/articles/${id}`, { auth: editor.auth, body: { headline: 'x' }, headers: ifMatch(99) });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: read.body.version });
    const edited = await call(base(), 'PATCH', `/articles/${id}`, {
      auth: editor.auth,
      body: { standfirst: 'The KFOR peacekeeping force sets up additional patrols', sectionId: null },
      headers: ifMatch(read.body.version),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.sectionId).toBeNull();

    // The lock: taken, refused to another editor unless taking over, released.
    const locked = await call(base(), 'POST', `/articles/${id}/lock`, { auth: editor.auth, body: {} });
    expect(locked.body.lock).toMatchObject({ userId: editor.id });
    const refused = await call(base(), 'POST', `/articles/${id}/lock`, { auth: otherEditor.auth, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    expect((await call(base(), 'DELETE', `/articles/${id}/lock`, { auth: editor.auth })).status).toBe(204);

    // Workflow problems: an invalid action, unmet preconditions.
    const version = edited.body.version as number;
    const invalid = await call(base(), 'POST', `/articles/${id}/transitions`, {
      auth: editor.auth,
      body: { action: 'unpublish', reason: 'x' },
      headers: ifMatch(version),
    });
    expect(invalid.body).toMatchObject({ code: 'invalid_transition', currentStatus: 'draft' });
    const unmet = await call(base(), 'POST', `/articles/${id}/transitions`, { auth: editor.auth, body: { action: 'publish' }, headers: ifMatch(version) });
    expect(unmet.status).toBe(422);
    expect(unmet.body.code).toBe('publish_precondition_failed');

    // Revisions: list, one, compare, restore.
    const revisions = await call(base(), 'GET', `/articles/${id}/revisions`, { auth: editor.auth });
    expect(revisions.body.data.map((revision: { number: number }) => revision.number)).toEqual([2, 1]);
    expect((await call(base(), 'GET', `/articles/${id}/revisions/1`, { auth: editor.auth })).body.content.sectionId).toBe(sectionId);
    expect((await call(base(), 'GET', `/articles/${id}/revisions/9`, { auth: editor.auth })).status).toBe(404);
    const compared = await call(base(), 'GET', `/articles/${id}/revisions/compare?from=1&to=2`, { auth: editor.auth });
    expect(compared.body.changes.map((change: { field: string }) => change.field).sort()).toEqual(['sectionId', 'standfirst']);
    const restored = await call(base(), 'POST', `/articles/${id}/revisions/1/restore`, { auth: editor.auth, headers: ifMatch(version) });
    expect(restored.status).toBe(200);
    expect(restored.body.sectionId).toBe(sectionId);

    // Notes, history, preview links.
    expect((await call(base(), 'POST', `/articles/${id}/comments`, { auth: editor.auth, body: { body: 'Check the caption' } })).status).toBe(201);
    expect((await call(base(), 'GET', `/articles/${id}/comments`, { auth: editor.auth })).body.data).toHaveLength(1);
    const history = await call(base(), 'GET', `/articles/${id}/history`, { auth: editor.auth });
    expect(history.body.data.map((event: { action: string }) => event.action)).toContain('article.edited');
    const preview = await call(base(), 'POST', `/articles/${id}/preview-token`, { auth: editor.auth });
    expect(preview.status).toBe(201);
    expect((await call(base(), 'DELETE', `/articles/${id}/preview-tokens`, { auth: editor.auth })).status).toBe(204);

    // The media the article uses, and why it cannot go.
    expect((await call(base(), 'GET', `/media/${image.id}/usage`, { auth: editor.auth })).body.data).toEqual([expect.objectContaining({ id, live: false })]);
    const inUse = await call(base(), 'DELETE', `/media/${image.id}`, { auth: editor.auth });
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('in_use');
    expect((await call(base(), 'GET', `/articles/${crypto.randomUUID()}`, { auth: editor.auth })).status).toBe(404);
  });

  it('keeps the timestamps of a revision as the article has them: one instant, one form (a changed offset is no edit)', async () => {
    const article = await draft(editor, { embargoUntil: '2030-01-01T12:00:00+02:00', expireAt: '2031-06-01T00:00:00Z' });
    expect(article.embargoUntil).toBe('2030-01-01T10:00:00.000Z');
    const first = await call(base(), 'GET', `/articles/${article.id}/revisions/1`, { auth: editor.auth });
    expect(first.body.content).toMatchObject({ embargoUntil: '2030-01-01T10:00:00.000Z', expireAt: '2031-06-01T00:00:00.000Z' });

    const same = await call(base(), 'PATCH', `/articles/${article.id}`, {
      auth: editor.auth,
      body: { embargoUntil: '2030-01-01T10:00:00Z' },
      headers: ifMatch(article.version),
    });
    expect(same.status).toBe(200);
    expect(same.body.currentRevision).toBe(1);
  });
});
