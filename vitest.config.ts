import { defineConfig } from 'vitest/config'

// Kept apart from vite.config.ts so unit tests never go through the crx plugin.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    // Console lines print local time: pin the zone so expectations are stable.
    env: { TZ: 'UTC' },
  },
})
