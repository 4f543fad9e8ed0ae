// Two projects: fast unit tests (no I/O) and integration tests against the real
// emulators, which share one local stack started once by globalSetup.
// jose ships ESM only; Node 20 requires it natively but Jest's module system
// cannot, so ts-jest transpiles it for tests.
const shared = {
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests wait on Pub/Sub's retry backoff; unit tests finish long before this.
  testTimeout: 120000,
  // Two test files at a time: the suite is mostly waiting (on Pub/Sub's
  // backoff, on spawned functions), so two workers on two cores halve its
  // time. Integration files share the one stack and must not depend on being
  // alone (unique queue names; tenant-wide listings filter by name).
  maxWorkers: 2,
  // Exit once the run is over even if a test left a client's socket or timer
  // behind: the global teardown already fails the run if any process of the
  // stack outlives it, and a lingering handle must never hang CI.
  forceExit: true,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/after-each-file.ts'],
    },
  ],
};
