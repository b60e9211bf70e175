import chromeManifest from './manifest.json' with { type: 'json' }
import pkg from './package.json' with { type: 'json' }

/**
 * manifest.json (Chrome's shape) is the one source of truth; Firefox's variant is derived here.
 * The version is package.json's, so the store archives and `npm version` never disagree.
 * Firefox MV3 has no service worker: the same module runs as an event page (`background.scripts`),
 * and it needs a gecko id plus the data-collection declaration to pass `web-ext lint`.
 */
export type Target = 'chrome' | 'firefox'

export const GECKO_ID = 'status-monitor@status-monitor.dev'

type ChromeManifest = typeof chromeManifest & { version: string }

export function manifestFor(target: Target): Record<string, unknown> {
  const base: ChromeManifest = { ...structuredClone(chromeManifest), version: pkg.version }
  if (target === 'chrome') return base
  const { service_worker: script, type } = base.background
  const { minimum_chrome_version: _chromeOnly, ...rest } = base
  return {
    ...rest,
    background: { scripts: [script], type },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  }
}
