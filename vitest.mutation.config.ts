import { defineConfig, mergeConfig } from 'vitest/config'
import unit from './vitest.config.ts'

/**
 * The unit suite as Stryker runs it for each mutant (docs/testing.md), without:
 * - the CLI tests: they run the monitor in child processes, which never see the active mutant
 *   (they could kill none, and cost seconds each time);
 * - the suites that replay whole timelines hundreds of times or build megabyte payloads (worker
 *   restarts at every step and storage call, hostile shapes), and single tests tagged `slow`: each
 *   covers most of the background, so every surviving mutant there would re-run them, for hours in
 *   all. They stay in `npm test`; the score measures what the other tests catch.
 * Property tests try a fifth of their cases (test/support/fast-check-setup.ts), and a failure's
 * message is cut to its first 2,000 characters (test/support/short-failures.ts).
 * Instrumented code on a busy machine is slower: a test timing out in the initial run stops Stryker.
 *
 * The providers stage runs the engine's own tests only (`src/`'s: not the shell's). Every
 * background test polls fixtures through a provider, so each surviving provider mutant re-ran
 * hundreds of them: the first run managed 3 mutants a minute and would have taken hours. A
 * provider's bug must be caught by the engine's tests anyway; the shell's tests measure the shell.
 */
const SHELL_TESTS = ['test/unit/extension/**', 'test/unit/options/**', 'test/unit/popup/**', 'test/unit/build/**']

export default mergeConfig(
  unit,
  defineConfig({
    test: {
      exclude: [
        'node_modules/**',
        'test/unit/cli/**',
        'test/unit/extension/worker-restart.test.ts',
        'test/unit/providers/hostile-shapes-*.test.ts',
        ...(process.env.MUTATION_STAGE === 'providers' ? SHELL_TESTS : []),
      ],
      tagsFilter: ['!slow'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      env: { PROPERTY_RUNS_SCALE: '0.2' },
      setupFiles: ['test/support/short-failures.ts'],
    },
  }),
)
