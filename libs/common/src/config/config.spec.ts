import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({}, '/srv/dispatch');
    expect(config).toMatchObject({
      databaseUrl: undefined,
      host: '127.0.0.1',
      adminPort: 3001,
      deliveryPort: 3000,
      dataDir: '/srv/dispatch/.data',
      media: { storage: 'local', dir: '/srv/dispatch/.data/media' },
    });
  });

  it('lists every bad variable, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://nope', ADMIN_API_PORT: '70000', DELIVERY_API_PORT: 'abc', DEMO_CONTENT: 'maybe', MEDIA_STORAGE: 'ftp' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres or postgresql URL/);
    expect(problems.join('\n')).toMatch(/ADMIN_API_PORT="70000": must be a whole number from 0 to 65535/);
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('requires ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.c' })).toThrow(/set both or neither/);
    expect(loadConfig({ ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'long enough' }).adminEmail).toBe('a@b.c');
  });

  it('needs a bucket for S3 storage', () => {
    expect(() => loadConfig({ MEDIA_STORAGE: 's3' })).toThrow(/S3_BUCKET/);
    expect(loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'media' }).media.s3?.bucket).toBe('media');
  });

  describe('podcast channel', () => {
    it('defaults to the News category, not explicit, names from the site', () => {
      expect(loadConfig({}).site.podcast).toEqual({
        category: ['News'],
        author: undefined,
        ownerName: undefined,
        ownerEmail: undefined,
        imageUrl: undefined,
        explicit: false,
      });
    });

    it('reads a category with its subcategory, owner, author, artwork and explicit flag', () => {
      const env = {
        PODCAST_CATEGORY: 'News / Politics',
        PODCAST_AUTHOR: 'Dispatch Audio',
        PODCAST_OWNER_NAME: 'Podcast Desk',
        PODCAST_OWNER_EMAIL: 'podcasts@dispatch.example',
        PODCAST_IMAGE_URL: 'https://cdn.dispatch.example/podcast-3000.jpg',
        PODCAST_EXPLICIT: 'true',
      };
      expect(loadConfig(env).site.podcast).toEqual({
        category: ['News', 'Politics'],
        author: 'Dispatch Audio',
        ownerName: 'Podcast Desk',
        ownerEmail: 'podcasts@dispatch.example',
        imageUrl: 'https://cdn.dispatch.example/podcast-3000.jpg',
        explicit: true,
      });
    });

    it('refuses a deeper category, a bad email and a non-http image, one line each', () => {
      let error: unknown;
      try {
        loadConfig({ PODCAST_CATEGORY: 'News/Politics/Local', PODCAST_OWNER_EMAIL: 'nobody', PODCAST_IMAGE_URL: 'ftp://x/y.jpg', PODCAST_EXPLICIT: 'maybe' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PODCAST_CATEGORY/);
      expect(problems).toMatch(/PODCAST_OWNER_EMAIL/);
      expect(problems).toMatch(/PODCAST_IMAGE_URL/);
      expect(problems).toMatch(/PODCAST_EXPLICIT/);
    });
  });

  describe('metrics', () => {
    it('listens for delivery and the worker on loopback by default, not for admin, with no token', () => {
      expect(loadConfig({}).metrics).toEqual({ host: '127.0.0.1', deliveryPort: 9464, workerPort: 9465, adminPort: 0, token: undefined });
    });

    it('reads every variable, 0 turning a listener off', () => {
      const metrics = loadConfig({
        METRICS_HOST: '0.0.0.0',
        DELIVERY_METRICS_PORT: '0',
        WORKER_METRICS_PORT: '19465',
        ADMIN_METRICS_PORT: '19466',
        METRICS_TOKEN: 'a-scrape-token-of-32-characters!',
      }).metrics;
      expect(metrics).toEqual({ host: '0.0.0.0', deliveryPort: 0, workerPort: 19465, adminPort: 19466, token: 'a-scrape-token-of-32-characters!' });
    });

    it('refuses a malformed port, a short token and two listeners on one port, one line each', () => {
      let error: unknown;
      try {
        loadConfig({ DELIVERY_METRICS_PORT: 'http', WORKER_METRICS_PORT: '3000', ADMIN_METRICS_PORT: '9464', METRICS_TOKEN: 'short' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'DELIVERY_METRICS_PORT="http": must be a whole number from 0 to 65535',
        'METRICS_TOKEN: must be at least 16 characters',
        'WORKER_METRICS_PORT=3000: already taken by DELIVERY_API_PORT',
        'ADMIN_METRICS_PORT=9464: already taken by DELIVERY_METRICS_PORT',
      ]);
    });

    it('lets a metrics port equal an API port on another host', () => {
      expect(loadConfig({ METRICS_HOST: '10.0.0.5', DELIVERY_METRICS_PORT: '3000' }).metrics.deliveryPort).toBe(3000);
    });
  });
});

describe('logging settings', () => {
  it('default to JSON lines with access logging on', () => {
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', logFormat: 'json', logAccess: true });
  });

  it('accept pretty output and access logging off', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty', LOG_ACCESS: 'false' })).toMatchObject({ logFormat: 'pretty', logAccess: false });
  });

  it('name a bad LOG_FORMAT or LOG_ACCESS, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ LOG_FORMAT: 'xml', LOG_ACCESS: 'sometimes' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).problems).toEqual(['LOG_FORMAT="xml": must be one of json, pretty', 'LOG_ACCESS="sometimes": must be true or false']);
  });
});
