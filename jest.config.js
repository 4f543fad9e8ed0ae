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
