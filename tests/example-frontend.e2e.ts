import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { seed } from '../scripts/lib/seed.js';
import { projectRoot } from '../scripts/lib/paths.js';
import { startDeliveryApi, testConfig, type RunningApp } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const run = promisify(execFile);

/** examples/frontend: compiles under --strict with no casts, and renders the seed story from the delivery API alone. */
describe('example frontend', () => {
  let db: TestDatabase;
  let delivery: RunningApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = { DATA_DIR: await mkdtemp(join(tmpdir(), 'dispatch-example-')) };
    await seed(db.url, await testConfig(db.url, shared), () => undefined);
    delivery = await startDeliveryApi(db.url, shared);
  });
  afterAll(async () => {
    await delivery?.close();
    await db?.drop();
  });

  it('type-checks with tsc --strict (its own tsconfig), without a cast or an any', async () => {
    const result = await run(resolve(projectRoot, 'node_modules/.bin/tsc'), ['-p', 'examples/frontend'], { cwd: projectRoot }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
    const file = resolve(projectRoot, 'examples/frontend/render.ts');
    const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      const cast =
        (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const')) || ts.isTypeAssertionExpression(node);
      if (cast || node.kind === ts.SyntaxKind.AnyKeyword || ts.isNonNullExpression(node)) found.push(node.getText());
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(found).toEqual([]);
  });

  it('renders the seed story: headline, lead image srcset, caption + credit, body, Read more, Top stories', async () => {
    // Node runs the example as written (type stripping); #client resolves to the built dist/ (npm test builds first).
    const { stdout } = await run(process.execPath, ['examples/frontend/render.ts', 'nato-reinforces-presence-in-kosovo'], {
      cwd: projectRoot,
      env: { ...process.env, DELIVERY_URL: delivery.url },
    });
    expect(stdout).toContain('<h1>NATO reinforces presence in Kosovo</h1>');
    expect(stdout).toMatch(/<img src="[^"]+" srcset="[^"]+ \d+w/);
    expect(stdout).toMatch(/<figcaption>FILE PHOTO: NATO troops guard a checkpoint[^<]*<small class="credit">© AP Photo \/ Bojan Slavkovic<\/small>/);
    expect(stdout).toContain('<h2>Read more</h2>');
    expect(stdout).toMatch(/<nav class="rail"><h2>Top stories<\/h2><ol><li><a class="card"/);
  });
});
