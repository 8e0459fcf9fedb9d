// Run by tests/leaks-ops.e2e.ts in a child jest, with TMPDIR pointing at an
// empty folder: uses the app helpers the way e2e files do, so the parent can
// check that the run leaves nothing in the temp dir.
import { createWorker } from '../../apps/worker/src/worker.app.js';
import { startAdminApi, startDeliveryApi, testConfig } from './test-apps.js';
import { createTestDatabase } from './test-database.js';

it('starts and stops the apps', async () => {
  const db = await createTestDatabase();
  const admin = await startAdminApi(db.url);
  const delivery = await startDeliveryApi(db.url);
  const worker = await createWorker(await testConfig(db.url), db.url);
  await worker.close();
  await delivery.close();
  await admin.close();
  await db.drop();
});
