import { defineConfig } from 'vitest/config'

// Real-browser end-to-end suites: the production build (dist/chrome, dist/firefox) in real
// Chromium and Firefox, reaching a local HTTPS status server as https://status.openai.com.
// One browser at a time (2-core CI): files run one after another in a single fork.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['scripts/harness/build.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    env: { TZ: 'UTC' },
  },
})
