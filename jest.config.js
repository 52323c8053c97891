/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  // arquero and its Arrow dependency ship ESM only; Jest on Node 20 cannot require them.
  moduleNameMapper: {},
  testTimeout: 60000,
};
