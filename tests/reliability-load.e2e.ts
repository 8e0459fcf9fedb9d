import { runLoad } from '../scripts/lib/load.js';
import { report, size } from './support/reliability.js';
import { startAdminApi, startDeliveryApi, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** The reduced `npm run load`: editors publishing while readers hit delivery. */
describe('load', () => {
  let db: TestDatabase;
  let admin: RunningApp;
  let delivery: RunningApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await startAdminApi(db.url);
    delivery = await startDeliveryApi(db.url, { DELIVERY_RATE_LIMIT: '0' });
  });
  afterAll(async () => {
    await Promise.all([admin?.close(), delivery?.close()]);
    await db?.drop();
  });

  it('has zero 5xx, zero lost updates and zero draft reads with editors publishing under read load', async () => {
    const figures = await runLoad({
      adminUrl: `${admin.url}/admin/v1`,
      deliveryUrl: `${delivery.url}/content/v1`,
      databaseUrl: db.url,
      editors: size(3, 8),
      readers: size(4, 16),
      durationMs: size(4000, 30_000),
    });
    report('load', figures);
    expect(figures.writesAccepted).toBeGreaterThan(0);
    expect(figures.publishes).toBeGreaterThan(0);
    expect({ fiveXx: figures.fiveXx, lostUpdates: figures.lostUpdates, draftReads: figures.draftReads }).toEqual({ fiveXx: 0, lostUpdates: 0, draftReads: 0 });
  }, 120_000);
});
