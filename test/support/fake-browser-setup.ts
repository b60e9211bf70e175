import { vi } from 'vitest'

/**
 * Every unit test runs on @webext-core/fake-browser. extension/platform/browser.ts is the one
 * door to the WebExtension API, so replacing that module here, in a setup file, reaches every
 * test file; a file that needs something else mocks the module again itself (its own vi.mock wins).
 * The fake has no getManifest: the Chrome build's (no gecko id) stands in, which a test may replace.
 */
vi.mock('../../extension/platform/browser.ts', async () => {
  const { fakeBrowser } = await import('@webext-core/fake-browser')
  Object.assign(fakeBrowser.runtime, { getManifest: () => ({ manifest_version: 3, name: 'Status Monitor', version: '0.1.0' }) })
  return { browser: fakeBrowser }
})
