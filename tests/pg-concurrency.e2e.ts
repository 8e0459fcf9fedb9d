import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * pg 8.19+ warns (and pg 9 will fail) when a query is sent on a connection
 * that is still busy with another. Prisma's query interpreter loads a read's
 * relations in parallel (the `join` node's children under Promise.all); inside
 * a transaction all of them share one connection. PrismaService must issue
 * them one after another. The warning fires once per process, so the probe is
 * a fresh process with its stderr captured.
 */
describe('PrismaService on one transaction connection', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('never sends a query while another is in flight (no pg DeprecationWarning)', async () => {
    const database = join(process.cwd(), 'dist/libs/database/src/index.js');
    const probe = `
      import 'reflect-metadata';
      import { PrismaService } from ${JSON.stringify(database)};
      const prisma = new PrismaService({ url: process.env.PROBE_URL, poolSize: 2 });
      const user = await prisma.$transaction((tx) =>
        tx.user.create({
          data: { email: 'probe@example.test', name: 'Probe', role: 'admin', passwordHash: 'x' },
          include: { sessions: true, apiTokens: true, revisions: true, comments: true },
        }),
      );
      await prisma.$transaction(async (tx) => {
        await tx.user.findUniqueOrThrow({ where: { id: user.id }, include: { sessions: true, apiTokens: true, media: true } });
        await tx.user.update({ where: { id: user.id }, data: { name: 'Probed' }, include: { sessions: true, corrections: true } });
      });
      await prisma.onApplicationShutdown();
      process.stdout.write('done');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '--trace-deprecation', '-e', probe], {
      env: { PATH: process.env.PATH, PROBE_URL: db.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'done' });
    expect(stderr).not.toContain('DeprecationWarning');
  });
});
