import { defineConfig, mergeConfig } from 'vitest/config'
import unit from './vitest.config.ts'

// The unit suite as Stryker runs it for each mutant: without the CLI tests, which run the
// monitor in child processes that never see the active mutant (they could kill none, and cost
// seconds each time).
export default mergeConfig(
  unit,
  defineConfig({
    test: { exclude: ['test/unit/cli/**', 'node_modules/**'] },
  }),
)
