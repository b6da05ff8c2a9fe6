/** Unit, integration and store tests. Browser tests live in jest.e2e.config.js. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    // Type-checking is done once by `tsc --noEmit` in `npm test`; here we only transpile.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.e2e\\.test\\.ts$'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};
