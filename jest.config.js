/** Jest runs TypeScript through SWC (no type check here: `npm test` runs `tsc --noEmit` first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // @hpcc-js/wasm-graphviz ships ESM only; let SWC turn it into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!@hpcc-js/)'],
  setupFilesAfterEnv: ['<rootDir>/test/support/problem-matcher.ts', '<rootDir>/test/support/scratch-cleanup.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 30000,
};
