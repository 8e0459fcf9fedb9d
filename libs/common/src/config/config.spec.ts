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
