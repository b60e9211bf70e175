import { defineConfig } from 'vitest/config'

// Kept apart from vite.config.ts so unit tests never go through the crx plugin.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/support/fast-check-setup.ts', 'test/support/fake-browser-setup.ts'],
    // A test tagged `slow` takes seconds alone; the mutation run (vitest.mutation.config.ts) leaves
    // it out, since it would re-run for every mutant it covers.
    tags: [{ name: 'slow', description: 'seconds alone: left out of the mutation run' }],
    // `npm run coverage`: what the unit suites execute of the engine and the shell.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'extension/**/*.{ts,tsx}'],
      exclude: ['**/*.d.ts'],
      reporter: ['text', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
    },
    // Console lines print local time: pin the zone so expectations are stable.
    env: { TZ: 'UTC' },
  },
})
