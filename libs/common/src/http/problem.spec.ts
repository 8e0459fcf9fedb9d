import { sqlStateOf, toProblem } from './problem.js';

describe('problem documents for database errors', () => {
  const adapterError = (code: string) =>
    Object.assign(new Error('Raw query failed'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2010',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: code, kind: 'postgres', code } } },
    });
  const pgError = (code: string) => Object.assign(new Error('invalid byte sequence'), { name: 'error', code });

  it('reads the SQLSTATE from Prisma adapter errors and from pg errors', () => {
    expect(sqlStateOf(adapterError('22021'))).toBe('22021');
    expect(sqlStateOf(pgError('22P02'))).toBe('22P02');
    expect(sqlStateOf(new Error('plain'))).toBeUndefined();
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
