import { isPlatform, type Platform } from '../../src/model.ts'
import { normalizeBaseUrl } from '../../src/providers/urls.ts'
import type { NotifyFilters } from '../../src/notify/filters.ts'
import type { QuietHours } from '../../src/notify/quiet-hours.ts'
import { boundedList, defineItem, finiteOrNull, isRecord, stringOr, type StoredObject } from './item.ts'

/**
 * What the user chose. Lives in `storage.sync` (follows the user to other browsers) within its
 * quota of 100 KB, 8 KB per item: pages are stored with short field names, defaults left out, and
 * spread over several items (sync-chunks.ts). A page's key is derived from its URL, never stored.
 */

export type { NotifyFilters, QuietHours }

export interface WatchedPage {
  /** Prefix of its storage key and of its notification ids. */
  readonly key: string
  readonly url: string
  readonly platform: Platform | null
  readonly name: string
  readonly addedAt: number
  readonly filters: NotifyFilters
}

export interface Settings {
  readonly version: number
  readonly pages: readonly WatchedPage[]
  readonly notifyOnRecovery: boolean
  /** null = off. Optional only for values built in code; everything read from storage has it. */
  readonly quietHours?: QuietHours | null
  /**
   * Major and critical notifications (priority 2) stay until dismissed: Chrome's
   * `requireInteraction`, which Firefox lacks. Optional like quietHours; read from storage, it is there.
   */
  readonly keepSevereOnScreen?: boolean
}

export const SETTINGS_VERSION = 2
export const MAX_PAGES = 1000
/** Component filters longer than this are cut: real pages have at most a few hundred components. */
const MAX_FILTER_IDS = 500
const MAX_NAME = 100

export const NO_FILTERS: NotifyFilters = { componentIds: null, mutedUntil: null, mutedForever: false }

/** A mute's unit: the options page's "Mute 1 h" and the notification's button. */
export const HOUR_MS = 3_600_000

export const OPENAI_URL = 'https://status.openai.com/'

/** `status.openai.com`, `example.com/status`: unique per base URL from normalizeBaseUrl. */
export function pageKeyOf(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url
  const path = u.pathname.replace(/\/+$/, '')
  return `${u.host}${path}`
}

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    notifyOnRecovery: true,
    quietHours: null,
    keepSevereOnScreen: false,
    pages: [
      { key: pageKeyOf(OPENAI_URL), url: OPENAI_URL, platform: 'incidentio', name: 'OpenAI', addedAt: 0, filters: NO_FILTERS },
    ],
  }
}

// --- compact form of one page: { u, p?, n?, a?, c?, m?, f? } --------------------------------

function encodePage(page: WatchedPage): StoredObject {
  const { filters } = page
  return {
    u: page.url,
    ...(page.platform === null ? {} : { p: page.platform }),
    ...(page.name === '' ? {} : { n: page.name }),
    ...(page.addedAt === 0 ? {} : { a: page.addedAt }),
    ...(filters.componentIds === null ? {} : { c: filters.componentIds }),
    ...(filters.mutedUntil === null ? {} : { m: filters.mutedUntil }),
    ...(filters.mutedForever ? { f: 1 } : {}),
  }
}

/** One stored page, or null when its URL is unusable (that page alone is dropped). */
export function repairPage(value: unknown): WatchedPage | null {
  if (!isRecord(value) || typeof value.u !== 'string') return null
  const base = normalizeBaseUrl(value.u)
  if (!base.ok) return null
  const platform = isPlatform(value.p) ? value.p : null
  const ids = Array.isArray(value.c) ? value.c.filter((id): id is string => typeof id === 'string').slice(0, MAX_FILTER_IDS) : null
  return {
    key: pageKeyOf(base.value),
    url: base.value.href,
    platform,
    name: stringOr(value.n, '', MAX_NAME),
    addedAt: finiteOrNull(value.a) ?? 0,
    filters: {
      componentIds: ids,
      mutedUntil: typeof value.m === 'number' && Number.isFinite(value.m) ? value.m : null,
      mutedForever: value.f === 1 || value.f === true,
    },
  }
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && HH_MM.test(value)
}

export function repairQuietHours(value: unknown): QuietHours | null {
  if (!isRecord(value) || !isTimeOfDay(value.start) || !isTimeOfDay(value.end)) return null
  return { enabled: value.enabled === true, start: value.start, end: value.end }
}

function repairSettings(value: StoredObject): Settings {
  // Two stored spellings of one page (`host.` and `host`) share a key: only the first is kept, or
  // every notification would come twice.
  const pages: WatchedPage[] = []
  const keys = new Set<string>()
  for (const raw of boundedList(value.pages, MAX_PAGES)) {
    const page = repairPage(raw)
    if (page === null || keys.has(page.key)) continue
    keys.add(page.key)
    pages.push(page)
  }
  return {
    version: SETTINGS_VERSION,
    notifyOnRecovery: typeof value.notifyOnRecovery === 'boolean' ? value.notifyOnRecovery : true,
    quietHours: repairQuietHours(value.quietHours),
    keepSevereOnScreen: value.keepSevereOnScreen === true,
    pages,
  }
}

/** The logical item: { version, notifyOnRecovery, quietHours?, keepSevereOnScreen?, pages: compact[] }. */
export const SETTINGS = defineItem<Settings>({
  area: 'sync',
  key: 'settings',
  version: SETTINGS_VERSION,
  fallback: defaultSettings,
  migrations: [
    (value) => ({ quietHours: null, ...value }),
  ],
  repair: repairSettings,
  encode: (settings) => ({
    notifyOnRecovery: settings.notifyOnRecovery,
    // Left out while off: a settings item written by this build reads the same in an older one.
    ...(settings.quietHours == null ? {} : { quietHours: settings.quietHours }),
    ...(settings.keepSevereOnScreen === true ? { keepSevereOnScreen: true } : {}),
    pages: settings.pages.map(encodePage),
  }),
})
