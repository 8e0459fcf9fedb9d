import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  const fast = { N: 1024, r: 8, p: 1 };

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', fast);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterz', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', fast)).not.toEqual(await hashPassword('same', fast));
  });

  it('refuses malformed stored hashes', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$a$b$c$d$e')).resolves.toBe(false);
  });

  it('uses the memory-hard defaults', async () => {
    expect(await hashPassword('pw')).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});
