import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { documentText } from '../scripts/lib/openapi.js';
import { projectRoot } from '../scripts/lib/paths.js';
import { runDocuments } from './support/contract.js';

const run = promisify(execFile);

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

/** Both documents, as served, pass `redocly lint` with the repository's redocly.yaml: 0 errors. */
describe('OpenAPI lint gate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dispatch-openapi-'));
    for (const [name, document] of Object.entries(await runDocuments())) {
      await writeFile(join(dir, `${name}.json`), documentText(document));
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function lint(file: string): Promise<LintReport> {
    const args = ['lint', file, '--format=json', `--config=${resolve(projectRoot, 'redocly.yaml')}`];
    // redocly exits 1 when it finds errors; the report on stdout is what we read either way.
    const { stdout } = await run(resolve(projectRoot, 'node_modules/.bin/redocly'), args, { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport;
  }

  it.each(['admin', 'delivery'])('%s.json: 0 errors', async (name) => {
    const report = await lint(join(dir, `${name}.json`));
    const errors = report.problems.filter((problem) => problem.severity === 'error');
    console.warn(`redocly lint ${name}.json: ${report.totals.errors} errors, ${report.totals.warnings} warnings`);
    expect(errors.map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`)).toEqual([]);
  });
});
