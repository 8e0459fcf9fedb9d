import { retryOnLockConflict } from './row-locks.js';

describe('retryOnLockConflict', () => {
  /** A use case that fails with `errors` in turn, then answers 'done'. */
  const failing = (...errors: unknown[]) => {
    const run = Object.assign(
      async () => {
        run.calls++;
        const error = errors.shift();
        if (error !== undefined) throw error;
        return 'done';
      },
      { calls: 0 },
    );
    return run;
  };

  const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it.each([
    ['a deadlock', deadlock()],
    ['a NOWAIT lock', Object.assign(new Error('could not obtain lock'), { code: '55P03' })],
  ])('starts over after %s', async (_, error) => {
    const run = failing(error, error);
    await expect(retryOnLockConflict(run)).resolves.toBe('done');
    expect(run.calls).toBe(3);
  });

  it('lets any other error through at once', async () => {
    const run = failing(new Error('boom'));
    await expect(retryOnLockConflict(run)).rejects.toThrow('boom');
    expect(run.calls).toBe(1);
  });

  it('gives up after the last attempt with the conflict itself', async () => {
    const last = deadlock();
    const run = failing(deadlock(), last, deadlock());
    await expect(retryOnLockConflict(run, 2)).rejects.toBe(last);
    expect(run.calls).toBe(2);
  });
});
