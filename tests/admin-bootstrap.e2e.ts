import { verifyPassword } from '#auth';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startAdminApi } from './support/test-apps.js';

describe('first admin from ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('is created once when no admin exists, even with two instances starting together', async () => {
    const env = { ADMIN_EMAIL: 'Chief@Example.org', ADMIN_PASSWORD: 'a long secret' };
    const apps = await Promise.all([startAdminApi(db.url, env), startAdminApi(db.url, env)]);
    await Promise.all(apps.map((app) => app.close()));
    const admins = await db.prisma.user.findMany({ where: { role: 'admin' } });
    expect(admins).toHaveLength(1);
    expect(admins[0]!.email).toBe('chief@example.org');
    expect(await verifyPassword('a long secret', admins[0]!.passwordHash)).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: 'user.bootstrap_admin' } })).toBe(1);
  });

  it('leaves an existing admin alone', async () => {
    const app = await startAdminApi(db.url, { ADMIN_EMAIL: 'other@example.org', ADMIN_PASSWORD: 'another secret' });
    await app.close();
    expect(await db.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    expect(await db.prisma.user.findUnique({ where: { email: 'other@example.org' } })).toBeNull();
  });
});
