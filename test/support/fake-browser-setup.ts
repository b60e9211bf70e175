import { vi } from 'vitest'

/**
 * Every unit test runs on @webext-core/fake-browser. extension/platform/browser.ts is the one
 * door to the WebExtension API, so replacing that module here, in a setup file, reaches every
 * test file; a file that needs something else mocks the module again itself (its own vi.mock wins).
 */
vi.mock('../../extension/platform/browser.ts', async () => ({ browser: (await import('@webext-core/fake-browser')).fakeBrowser }))
