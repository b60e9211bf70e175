import { PLATFORMS, type Platform } from '../../src/model.ts'
import { encodeItem } from './item.ts'
import { SETTINGS, type Settings } from './settings.ts'
import { splitSettings } from './sync-chunks.ts'

/**
 * What the settings cost in storage.sync, counted as Chrome counts it (each key plus the JSON of
 * its value). A write over the quota is refused whole, so settings that would not fit are refused
 * here first, with words the options page can show. (The per-item quota is sync-chunks.ts's.)
 */

const SYNC_QUOTA_BYTES = 102_400
const SYNC_MAX_ITEMS = 512
/** Left free for rounding and for keys another build may add. */
const MARGIN_BYTES = 2_048
export const SYNC_BUDGET_BYTES = SYNC_QUOTA_BYTES - MARGIN_BYTES

export interface SyncUsage {
  readonly bytes: number
  readonly items: number
  readonly fits: boolean
}

const encoder = new TextEncoder()

/**
 * Pages stored without a platform get one when they are first polled: counted here as if they
 * had the longest, so settings accepted now still fit once every page is detected.
 */
const LONGEST_PLATFORM: Platform = [...PLATFORMS].sort((a, b) => b.length - a.length)[0] ?? 'statuspage'

export function syncUsage(settings: Settings): SyncUsage {
  const detected = { ...settings, pages: settings.pages.map((page) => (page.platform === null ? { ...page, platform: LONGEST_PLATFORM } : page)) }
  const items = Object.entries(splitSettings(encodeItem(SETTINGS, detected)))
  const bytes = items.reduce((sum, [key, value]) => sum + encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length, 0)
  return { bytes, items: items.length, fits: bytes <= SYNC_BUDGET_BYTES && items.length <= SYNC_MAX_ITEMS }
}

export class SettingsTooLarge extends Error {
  override readonly name = 'SettingsTooLarge'
  constructor(readonly usage: SyncUsage) {
    super(
      `These settings would take ${Math.ceil(usage.bytes / 1024)} KB, more than the ${Math.floor(SYNC_BUDGET_BYTES / 1024)} KB that browser sync allows an extension: remove some pages (or shorten their names) first.`,
    )
  }
}

/** Throws SettingsTooLarge when `next` does not fit and is no smaller than `current`. */
export function checkSyncBudget(current: Settings, next: Settings): void {
  const usage = syncUsage(next)
  if (!usage.fits && usage.bytes >= syncUsage(current).bytes) throw new SettingsTooLarge(usage)
}
