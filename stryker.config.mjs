// Mutation testing of the decision and the policy code: `npm run mutation`. See docs/development.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: ['src/core/decision/**/*.ts', 'src/core/policy/**/*.ts'],
  coverageAnalysis: 'perTest',
  // The machine is often shared: one worker unless told otherwise (--concurrency 2).
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 90, low: 90, break: null },
};
