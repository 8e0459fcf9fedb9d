// Stops the embedded PostgreSQL that global-setup started (if it did).
export default async function globalTeardown() {
  await globalThis.__dispatchTestPg?.stop();
}
