// Jest setupFilesAfterEnv: every test file checks the responses it receives against the served OpenAPI documents.
import { CONTRACT_MODE, installContractCheck, recordContractFigures, violations } from './contract.js';

installContractCheck();

function failOnViolations(): void {
  if (violations.length === 0) return;
  const found = violations.splice(0);
  if (CONTRACT_MODE !== 'strict') return;
  throw new Error(`${found.length} response(s) not as the OpenAPI document declares:\n${found.join('\n')}`);
}

afterEach(failOnViolations);
afterAll(() => {
  recordContractFigures(expect.getState().testPath ?? 'unknown');
  failOnViolations();
});
