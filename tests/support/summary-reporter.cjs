// Prints the plain closing line CI reads: "N passed, N failed", and how many
// responses were checked against the OpenAPI documents (tests/support/contract.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a jest reporter is loaded as CommonJS
const { readdirSync, readFileSync } = require('node:fs');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const { join } = require('node:path');

function contractFigures() {
  const dir = process.env.DISPATCH_TEST_RUN_DIR && join(process.env.DISPATCH_TEST_RUN_DIR, 'contract');
  let files;
  try {
    files = readdirSync(dir);
  } catch {
    return undefined;
  }
  const total = { files: 0, checked: 0, violations: 0 };
  for (const file of files) {
    const figures = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    total.files++;
    total.checked += figures.checked;
    total.violations += figures.violations;
  }
  return total;
}

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const contract = contractFigures();
    if (contract)
      process.stdout.write(
        `\ncontract: ${contract.checked} responses checked against the OpenAPI documents in ${contract.files} files, ${contract.violations} not as declared\n`,
      );
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;
