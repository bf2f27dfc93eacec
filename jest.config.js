// One embedded PostgreSQL for the whole run (test/global-setup.ts); files run one at a
// time because they share that cluster and the 2-core CI machine gains nothing from workers.
/** @type {import('jest').Config} */
const config = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/gateway',
    '<rootDir>/subgraphs',
    '<rootDir>/scripts',
    '<rootDir>/test',
    '<rootDir>/clients',
  ],
  testMatch: ['**/*.test.ts'],
  // ts-jest in transpile-only mode: fast, and it honours emitDecoratorMetadata for TypeORM.
  // Type errors are `npm run typecheck`'s job.
  transform: {
    '^.+\\.(t|j)sx?$': [
      'ts-jest',
      {
        tsconfig: {
          isolatedModules: true,
          rootDir: __dirname,
          module: 'commonjs',
          moduleResolution: 'node10',
          ignoreDeprecations: '6.0',
          allowJs: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          esModuleInterop: true,
          target: 'es2022',
        },
      },
    ],
  },
  // jose and uuid ship ESM only; let swc turn them into CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(jose|uuid)/)'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60_000,
};

module.exports = config;
