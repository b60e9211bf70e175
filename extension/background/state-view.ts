import type { PageView, StateView } from '../messaging/protocol.ts'
import { decodeItem } from '../storage/item.ts'
import { EMPTY_ENTRY, HISTORY, META, PAGE_RECORD, SCHEDULE, pageStorageKey } from '../storage/records.ts'
import { getLocal, readSettings } from '../storage/store.ts'
import { isNetworkError } from './offline.ts'
import { hostPermissionCheck } from './permissions.ts'

/** What the popup and options page show: settings, every page's state, offline, history. */
export async function buildStateView(): Promise<StateView> {
  const settings = await readSettings()
  const stored = await getLocal([SCHEDULE.key, META.key, HISTORY.key, ...settings.pages.map((p) => pageStorageKey(p.key))])
  const schedule = decodeItem(SCHEDULE, stored[SCHEDULE.key])
  const meta = decodeItem(META, stored[META.key])
  const isGranted = await hostPermissionCheck()
  const pages = await Promise.all(
    settings.pages.map(async (page): Promise<PageView> => {
      const { state } = decodeItem(PAGE_RECORD, stored[pageStorageKey(page.key)])
      const timing = schedule.pages[page.key] ?? EMPTY_ENTRY
      // While offline, the one offline state says it: no "unreachable" on every page.
      const lastError = meta.offline && isNetworkError(state.lastError?.kind) ? null : state.lastError
      return {
        key: page.key,
        name: page.name || state.snapshot?.page.name || page.key,
        url: page.url,
        platform: page.platform,
        filters: page.filters,
        level: state.snapshot?.level ?? null,
        snapshot: state.snapshot,
        lastError,
        errorCount: state.errorCount,
        lastCheckedAt: timing.lastCheckedAt,
        lastOkAt: timing.lastOkAt,
        nextDueAt: timing.nextDueAt,
        permission: (await isGranted(page.url)) ? 'granted' : 'missing',
      }
    }),
  )
  return { settings, pages, offline: { offline: meta.offline, since: meta.since }, history: decodeItem(HISTORY, stored[HISTORY.key]).entries }
}
