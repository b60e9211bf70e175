// Mutation testing (`npm run mutation`): do the unit tests notice a plausible one-line bug?
// docs/testing.md has the scores, the run time and the survivors judged equivalent.
//
// The run is cut into stages (scripts/mutation.mjs), one folder group each, because the whole of
// it takes hours on two cores: each stage keeps its own incremental file and report, so a stopped
// run loses one stage at most, and a re-run re-tests only what changed.

/** The folders each stage mutates. The Preact views are left out: they are presentation, checked
 * by component tests on real states and by screenshots, and a mutant there (a class name, a word)
 * is mostly one no test should pin; the composition root (background/index.ts, start.ts), the real effects it
 * wires (background/deps.ts: every unit test replaces them) and the page entry
 * points only wire listeners, and are what the e2e suites exercise. */
export const STAGES = {
  engine: ['src/*.ts'],
  providers: ['src/providers/**/*.ts'],
  text: ['src/text/**/*.ts'],
  background: ['extension/background/**/*.ts', '!extension/background/index.ts', '!extension/background/start.ts', '!extension/background/deps.ts'],
  storage: ['extension/storage/**/*.ts'],
  rest: [
    'extension/messaging/**/*.ts',
    'extension/permissions/**/*.ts',
    'extension/options/**/*.ts',
    'extension/popup/**/*.ts',
    '!extension/options/view/**',
    '!extension/popup/view/**',
  ],
}

const stage = process.env.MUTATION_STAGE ?? 'engine'
if (!(stage in STAGES)) throw new Error(`MUTATION_STAGE must be one of ${Object.keys(STAGES).join(', ')}`)

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [...STAGES[stage], '!**/*.d.ts', '!**/*.tsx'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `.stryker/${stage}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `.stryker/${stage}.report.json` },
  htmlReporter: { fileName: `.stryker/${stage}.report.html` },
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  thresholds: { high: 85, low: 75, break: null },
  ignoreStatic: true,
}
