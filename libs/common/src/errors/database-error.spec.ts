import { classifyDatabaseError, isRetryableConflict, isUniqueViolation } from './database-error.js';

const prismaError = (code: string, meta: object = {}) => Object.assign(new Error('query failed'), { name: 'PrismaClientKnownRequestError', code, meta });
const adapterError = (sqlState: string, extra: object = {}) =>
  prismaError('P2010', { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code: sqlState, originalCode: sqlState, ...extra } } });
const pgError = (sqlState: string, extra: object = {}) => Object.assign(new Error('pg says no'), { code: sqlState, ...extra });

describe('classifyDatabaseError', () => {
  it.each([
    ['Prisma P2002', prismaError('P2002', { target: ['slug', 'locale'] }), 'unique_violation'],
    ['adapter 23505', adapterError('23505'), 'unique_violation'],
    ['pg 23505', pgError('23505', { constraint: 'tag_slug_key' }), 'unique_violation'],
    ['Prisma P2003', prismaError('P2003'), 'foreign_key_violation'],
    ['pg 23503', pgError('23503'), 'foreign_key_violation'],
    ['Prisma P2025', prismaError('P2025'), 'not_found'],
    ['Prisma P2034', prismaError('P2034'), 'serialization_failure'],
    ['adapter 40001', adapterError('40001'), 'serialization_failure'],
    ['pg 40P01 (deadlock)', pgError('40P01'), 'serialization_failure'],
    ['pg 55P03 (NOWAIT lock busy)', pgError('55P03'), 'serialization_failure'],
    ['a deadlock told only in the message', new Error('deadlock detected'), 'serialization_failure'],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'connection_lost'],
    ['a terminated connection behind a cause', new Error('query failed', { cause: new Error('Connection terminated unexpectedly') }), 'connection_lost'],
    ['Prisma P2028 (a transaction could not start, or ran out of time)', prismaError('P2028'), 'timed_out'],
    ['Prisma P2024 (no pool connection in time)', prismaError('P2024'), 'timed_out'],
    ['pg 22P02 (bad text for a type)', pgError('22P02'), 'invalid_input'],
    ['adapter 22021 (NUL)', adapterError('22021'), 'invalid_input'],
    ['adapter 54000 (too long for tsvector)', adapterError('54000'), 'too_large'],
  ])('%s is %s', (_, error, kind) => {
    expect(classifyDatabaseError(error)?.kind).toBe(kind);
  });

  it.each([
    ['a plain error', new Error('boom')],
    ['undefined table (a bug)', pgError('42P01')],
    ['not an object', 'boom'],
  ])('%s is none of them', (_, error) => {
    expect(classifyDatabaseError(error)).toBeUndefined();
  });

  it('tells which unique constraint fired', () => {
    expect(isUniqueViolation(prismaError('P2002', { target: ['slug', 'locale'] }), 'slug')).toBe(true);
    expect(isUniqueViolation(prismaError('P2002', { target: ['sha256'] }), 'slug')).toBe(false);
    expect(isUniqueViolation(pgError('23505', { constraint: 'author_user_id_key' }), 'user')).toBe(true);
    expect(isUniqueViolation(prismaError('P2003'))).toBe(false);
  });

  it('retries only lost races', () => {
    expect(isRetryableConflict(pgError('40P01'))).toBe(true);
    expect(isRetryableConflict(prismaError('P2002'))).toBe(false);
    expect(isRetryableConflict(new Error('ECONNREFUSED'))).toBe(false);
  });
});
