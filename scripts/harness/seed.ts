/**
 * Puts watched pages straight into the extension's settings (storage.sync), encoded by the
 * extension's own storage code (extension/storage), for states `addPage` cannot reach: a page
 * without its host permission (addPage refuses it; headless Chromium cannot answer the
 * `permissions.request` prompt, it stays pending), a page that cannot be detected (unreachable),
 * or 100 pages at once for a benchmark.
 *
 * The settings change wakes the background (storage.onChanged) as a user's change would.
 */
import type { Worker } from 'playwright-core'
import type { Platform } from '../../src/model.ts'
import { encodeItem } from '../../extension/storage/item.ts'
import { defaultSettings, pageKeyOf, SETTINGS, type Settings, type WatchedPage } from '../../extension/storage/settings.ts'
import { splitSettings } from '../../extension/storage/sync-chunks.ts'

export interface SeedPage {
  /** The base URL, e.g. https://status.openai.com/mirror/ */
  readonly url: string
  readonly name: string
  /** Set it to skip detection (the page is polled on that platform's endpoints at once). */
  readonly platform: Platform | null
}

/** The default settings (OpenAI) plus `pages`, unless `withDefault` is false. */
export function settingsWith(pages: readonly SeedPage[], { withDefault = true, now = Date.now() } = {}): Settings {
  const base = defaultSettings()
  const template = base.pages[0]
  if (!template) throw new Error('the default settings have no page')
  const extra = pages.map(
    (page): WatchedPage => ({ ...template, key: pageKeyOf(page.url), url: new URL(page.url).href, name: page.name, platform: page.platform, addedAt: now }),
  )
  return { ...base, pages: [...(withDefault ? base.pages : []), ...extra] }
}

/** The storage.sync items for `settings`, as the extension writes them (chunked under 8 KB). */
export function settingsItems(settings: Settings): Record<string, unknown> {
  return splitSettings(encodeItem(SETTINGS, settings))
}

/** Writes the settings from inside the service worker (a fresh profile: no stale chunks to remove). */
export async function writeSettingsInWorker(worker: Worker, settings: Settings): Promise<void> {
  const items = settingsItems(settings)
  await worker.evaluate(async (values) => {
    const sync = (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync
    await sync.set(values)
  }, items)
}
