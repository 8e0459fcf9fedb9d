// Stops the embedded PostgreSQL that global-setup started (if it did), then
// removes this run's temporary folder, and with it every folder a test made.
import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  await globalThis.__dispatchTestPg?.stop();
  const runDir = process.env.DISPATCH_TEST_RUN_DIR;
  if (runDir) await rm(runDir, { recursive: true, force: true, maxRetries: 3 });
  if (process.env.DISPATCH_TEST_OUTER_TMPDIR !== undefined) process.env.TMPDIR = process.env.DISPATCH_TEST_OUTER_TMPDIR;
}
