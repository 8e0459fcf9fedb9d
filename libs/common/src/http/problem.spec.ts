import { HttpException } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { errorCodes } from 'fastify';
import { postgresErrorCode } from '../errors/index.js';
import { MAX_PARAM_LENGTH, toProblem } from './problem.js';

describe('problem documents for database errors', () => {
  const adapterError = (code: string) =>
    Object.assign(new Error('Raw query failed'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: code, kind: 'postgres', code } } },
    });
  const pgError = (code: string) => Object.assign(new Error('invalid byte sequence'), { name: 'error', code });

  it('reads the SQLSTATE from Prisma adapter errors and from pg errors', () => {
    expect(postgresErrorCode(adapterError('22021'))).toBe('22021');
    expect(postgresErrorCode(pgError('22P02'))).toBe('22P02');
    expect(postgresErrorCode(new Error('plain'))).toBeUndefined();
  });

  it.each(['22P02', '22021', '22P05', '22003', '22008', '22007', '22001'])('answers SQLSTATE %s (bad input that slipped past validation) with 400', (code) => {
    expect(toProblem(adapterError(code)).problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(toProblem(pgError(code)).problem).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('keeps other database errors a 500 with no internals', () => {
    const problem = toProblem(adapterError('42P01')).problem;
    expect(problem).toMatchObject({ status: 500, code: 'internal_error' });
    expect(JSON.stringify(problem)).not.toMatch(/42P01|relation/);
  });
});

/** The shape Prisma 7 over @prisma/adapter-pg throws for PostgreSQL's "string is too long for tsvector". */
function tsvectorTooLong(): Error {
  const message = 'string is too long for tsvector (1489632 bytes, max 1048575 bytes)';
  return Object.assign(new Error(`Raw query failed. Code: \`54000\`. Message: \`${message}\``), {
    name: 'PrismaClientKnownRequestError',
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '54000', kind: 'postgres', code: '54000', message } } },
  });
}

describe('toProblem', () => {
  it('maps PostgreSQL program-limit errors (class 54) to 413 payload_too_large, not a 500', () => {
    const { problem } = toProblem(tsvectorTooLong());
    expect(problem).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(problem.detail).not.toMatch(/tsvector|bytes/);
  });

  it('maps a bare pg error of class 54 the same way', () => {
    expect(toProblem(Object.assign(new Error('statement too complex'), { code: '54001' })).problem.code).toBe('payload_too_large');
  });

  it('still answers 500 for an unknown database error', () => {
    const error = Object.assign(new Error('boom'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: { cause: { code: 'XX000' } } },
    });
    expect(toProblem(error).problem).toMatchObject({ status: 500, code: 'internal_error' });
  });
});

describe('problem documents for Fastify errors', () => {
  // What the problem filter receives for an error that went through Fastify's error handler.
  const adapter = new FastifyAdapter();
  const asNestHandsIt = (error: Error) => adapter.mapException(error) as unknown;
  afterAll(() => adapter.close());

  it('reads the Fastify error behind the HttpException Nest wraps a 4xx one in', () => {
    expect(asNestHandsIt(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY())).toBeInstanceOf(HttpException);
  });

  it.each([
    ['malformed JSON', new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), { status: 400, code: 'invalid_json' }],
    ['an empty JSON body', new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), { status: 400, code: 'invalid_json' }],
    ['a body too large', new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), { status: 413, code: 'payload_too_large' }],
    ['an unsupported content type', new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/xml'), { status: 415, code: 'unsupported_media_type' }],
    ['a bad percent-encoding', new errorCodes.FST_ERR_BAD_URL('%ff'), { status: 400, code: 'validation_failed', errors: [{ path: 'url' }] }],
    [
      'an over-long path segment (414 in Fastify)',
      new errorCodes.FST_ERR_MAX_PARAM_LENGTH('aaa'),
      { status: 400, code: 'validation_failed', errors: [{ path: 'url' }] },
    ],
  ])('maps %s the same whether wrapped or not', (_name, error, expected) => {
    expect(toProblem(asNestHandsIt(error)).problem).toMatchObject(expected);
    expect(toProblem(error).problem).toMatchObject(expected);
  });

  it('names the segment limit and does not echo the path', () => {
    const { problem } = toProblem(asNestHandsIt(new errorCodes.FST_ERR_MAX_PARAM_LENGTH('secret-path')));
    expect(problem.detail).toContain(String(MAX_PARAM_LENGTH));
    expect(JSON.stringify(problem)).not.toContain('secret-path');
  });

  it('leaves an HttpException with some other cause to its status', () => {
    const error = new HttpException('Gone fishing', 404, { cause: new Error('internal') });
    expect(toProblem(error).problem).toMatchObject({ status: 404, code: 'not_found', detail: 'Gone fishing' });
  });
});

describe('a busy database', () => {
  it('answers a transaction that could not start or ran out of time with 503 and Retry-After, not 500', () => {
    const expired = Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2028',
      meta: {},
    });
    const { problem, headers } = toProblem(expired);
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(headers).toEqual({ 'retry-after': '2' });
  });
});
