import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { createLogger, logAccess, NestPinoLogger, redactUrl } from './logging.js';

/** A logger whose lines are collected, parsed, for assertions. */
function capture(level: 'warn' | 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ app: 'test-app', level, destination }), lines };
}

describe('log lines', () => {
  it('have a level label, an ISO time, the app and the message', () => {
    const { logger, lines } = capture();
    logger.info({ extra: 1 }, 'hello');
    expect(lines).toEqual([{ level: 'info', time: expect.any(String), app: 'test-app', extra: 1, msg: 'hello' }]);
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it('never carry secret-named fields, at any depth', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc', Cookie: 'sid=1', 'x-api-key': 'k-123', accept: 'text/html' } },
        res: { headers: { 'set-cookie': 'sid=2' } },
        body: { user: { password: 'hunter22', name: 'Ann' }, items: [{ token: 't-1' }, { accessToken: 'at-1', secret: 's-1' }] },
      },
      'secrets',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['Bearer abc', 'sid=1', 'k-123', 'sid=2', 'hunter22', 't-1', 'at-1', 's-1']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ req: { headers: { authorization: '[redacted]', accept: 'text/html' } }, body: { user: { name: 'Ann' } } });
  });

  it('redact token query values in URLs', () => {
    expect(redactUrl('/content/v1/preview/abc?token=eyJ.x.y&locale=en')).toBe('/content/v1/preview/abc?token=[redacted]&locale=en');
    expect(redactUrl('/content/v1/media/1/640.webp?w=1&token=t')).toBe('/content/v1/media/1/640.webp?w=1&token=[redacted]');
    expect(redactUrl('/content/v1/articles?q=token')).toBe('/content/v1/articles?q=token');
  });
});

describe('access lines', () => {
  it('come once per request, from the route, a hook-answered reply and an unmatched URL alike', async () => {
    const { logger, lines } = capture();
    const fastify = Fastify({
      loggerInstance: logger as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      genReqId: () => 'req-1',
    });
    logAccess(fastify);
    // Like the delivery edge: a cache hit answered before the handler runs.
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.headers['x-cached']) return void reply.code(200).send('cached');
      done();
    });
    fastify.get('/content/v1/preview/:id', async () => ({ ok: true }));
    await fastify.inject({ url: '/content/v1/preview/42?token=secret-preview-token' });
    await fastify.inject({ url: '/content/v1/preview/43?token=another-secret', headers: { 'x-cached': '1' } });
    await fastify.inject({ url: '/nowhere', method: 'POST' });
    await fastify.close();

    const access = lines.filter((line) => line.msg === 'request completed');
    expect(access).toEqual([
      expect.objectContaining({ reqId: 'req-1', method: 'GET', route: '/content/v1/preview/:id', url: '/content/v1/preview/42?token=[redacted]', status: 200 }),
      expect.objectContaining({ method: 'GET', route: '/content/v1/preview/:id', url: '/content/v1/preview/43?token=[redacted]', status: 200 }),
      expect.objectContaining({ method: 'POST', route: 'unmatched', url: '/nowhere', status: 404 }),
    ]);
    for (const line of access) {
      expect(line).toMatchObject({ level: 'info', app: 'test-app' });
      expect(typeof line.durationMs).toBe('number');
      expect(Math.round((line.durationMs as number) * 10) / 10).toBe(line.durationMs);
    }
    expect(JSON.stringify(lines)).not.toMatch(/secret-preview-token|another-secret/);
  });

  it('are not even hooked in below info (the benchmark runs at warn)', async () => {
    const { logger } = capture('warn');
    const fastify = Fastify({ loggerInstance: logger });
    const hooks: string[] = [];
    logAccess({ log: fastify.log, addHook: (name: string) => hooks.push(name) } as unknown as FastifyInstance);
    await fastify.close();
    expect(hooks).toEqual([]);
    logAccess({ log: capture('info').logger, addHook: (name: string) => hooks.push(name) } as unknown as FastifyInstance);
    expect(hooks).toEqual(['onResponse']);
  });
});

describe('NestPinoLogger', () => {
  it('puts Nest boot chatter at debug and keeps the context', () => {
    const { logger, lines } = capture('debug');
    const nest = new NestPinoLogger(logger);
    nest.log('Mapped {/content/v1/articles, GET} route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.log('published 2 scheduled articles', 'Schedule');
    expect(lines.map(({ level, context, msg }) => ({ level, context, msg }))).toEqual([
      { level: 'debug', context: 'RouterExplorer', msg: 'Mapped {/content/v1/articles, GET} route' },
      { level: 'debug', context: 'NestApplication', msg: 'Nest application successfully started' },
      { level: 'info', context: 'Schedule', msg: 'published 2 scheduled articles' },
    ]);
  });

  it('serialises errors as err, with a stack only when there is one', () => {
    const { logger, lines } = capture();
    const nest = new NestPinoLogger(logger);
    const error = new Error('boom');
    nest.error('unhandled error: boom', error.stack, 'Problem');
    nest.error(error);
    nest.warn('database unavailable', 'Problem');
    expect(lines[0]).toMatchObject({
      level: 'error',
      context: 'Problem',
      msg: 'unhandled error: boom',
      err: { stack: expect.stringContaining('logging.spec') },
    });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'boom', err: { type: 'Error', message: 'boom', stack: expect.any(String) } });
    expect(lines[2]).toEqual({ level: 'warn', time: expect.any(String), app: 'test-app', context: 'Problem', msg: 'database unavailable' });
  });
});
