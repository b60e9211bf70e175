// Mutation testing (`npm run mutation`): do the unit tests notice a plausible one-line bug?
// docs/testing.md has the scores, the run time and the survivors judged equivalent.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // The engine and the shell. The Preact views are left out: they are presentation, checked by
  // component tests on real states and by screenshots, and a mutant there (a class name, a word)
  // is mostly one no test should pin; the composition root (background/index.ts) and the page
  // entry points only wire listeners, and are what the e2e suites exercise.
  mutate: [
    'src/**/*.ts',
    'extension/**/*.ts',
    '!extension/**/*.tsx',
    '!extension/popup/view/**',
    '!extension/options/view/**',
    '!extension/background/index.ts',
    '!extension/popup/main.tsx',
    '!extension/options/main.tsx',
    '!extension/platform/browser.ts',
    '!**/*.d.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: '.stryker/report.json' },
  htmlReporter: { fileName: '.stryker/report.html' },
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  thresholds: { high: 85, low: 75, break: null },
  ignoreStatic: true,
}
