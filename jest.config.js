// Unit tests sit next to the code (*.spec.ts); e2e tests live in tests/
// (*.e2e.ts) and run against a real PostgreSQL: DATABASE_URL's server when
// set, else an embedded one started for the run. Each e2e file gets its own
// database cloned from a migrated template.
const libs = ['common', 'database', 'content', 'auth', 'client'];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((lib) => [`^#${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`])),
    // The access policy alone (pure), for libs/auth's guard: the #content barrel would load the services that use #auth.
    '^#content/policy$': '<rootDir>/libs/content/src/policy/access-policy.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/tests/**/*.e2e.ts'],
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  setupFilesAfterEnv: ['<rootDir>/tests/support/contract-setup.ts'],
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
};
