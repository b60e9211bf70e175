import type { Level, Platform, Snapshot } from '../../src/model.ts'
import { isNetworkError, pollError, type PollError } from '../../src/poll-error.ts'
import type { Omitted } from '../../src/state-budget.ts'
import { hostPermissionCheck } from '../permissions/host-permissions.ts'
import { decodeItem } from './item.ts'
import { browser } from '../platform/browser.ts'
import { notificationsHaveActions } from '../platform/notification-features.ts'
import { EMPTY_ENTRY, HISTORY, META, PAGE_RECORD, PROBLEM, SCHEDULE, UNDELIVERED, listedFromSchedule, pageStorageKey, type HistoryEntry, type ScheduleEntry } from './records.ts'
import type { NotifyFilters, Settings, WatchedPage } from './settings.ts'
import { getLocal, readSession, readSettings } from './store.ts'

export interface PageView {
  readonly key: string
  readonly name: string
  readonly url: string
  readonly platform: Platform | null
  readonly filters: NotifyFilters
  readonly level: Level | null
  readonly snapshot: Snapshot | null
  /** Null while the browser is offline and the error is only that (the offline state says it once). */
  readonly lastError: PollError | null
  readonly errorCount: number
  readonly lastCheckedAt: number | null
  readonly lastOkAt: number | null
  readonly nextDueAt: number | null
  readonly permission: 'granted' | 'missing'
  readonly omitted?: Omitted
  /** A calm page sent without its snapshot, from the schedule alone (compactHealthyAbove). */
  readonly compact?: true
}

export interface StateView {
  readonly settings: Settings
  readonly pages: readonly PageView[]
  readonly offline: { readonly offline: boolean; readonly since: number | null }
  readonly problem: { readonly since: number; readonly reason: string } | null
  readonly notifications: {
    /** What the browser allows (Chrome lets a user turn an extension's notifications off); null where it cannot say. */
    readonly permission: 'granted' | 'denied' | null
    readonly undelivered: { readonly since: number; readonly count: number; readonly reason: string } | null
    /** Buttons and "keep on screen" (Chrome); Firefox has neither. */
    readonly actions: boolean
  }
  readonly history: readonly HistoryEntry[]
  /** Every stored history entry, slimmed to what the cards' 7-day strips read (history is cut to historyLimit). */
  readonly marks: readonly HistoryMark[]
}

export type HistoryMark = Pick<HistoryEntry, 'at' | 'kind' | 'pageKey' | 'impact' | 'name'>

export interface StateViewOptions {
  /** With more pages than this, calm pages come compact: from the schedule, record unread. */
  readonly compactHealthyAbove?: number
  readonly historyLimit?: number
}

export async function buildStateView(options: StateViewOptions = {}): Promise<StateView> {
  const settings = await readSettings()
  const compacting = options.compactHealthyAbove !== undefined && settings.pages.length > options.compactHealthyAbove
  const shared = await getLocal([SCHEDULE.key, META.key, HISTORY.key])
  const schedule = decodeItem(SCHEDULE, shared[SCHEDULE.key])
  const meta = decodeItem(META, shared[META.key])
  const isGranted = await hostPermissionCheck()
  const entries = await Promise.all(
    settings.pages.map(async (page) => {
      const entry = schedule.pages[page.key] ?? EMPTY_ENTRY
      const granted = await isGranted(page.url, page.platform)
      return { page, entry, granted, compact: compacting && granted && listedFromSchedule(entry) }
    }),
  )
  // Only the records of the pages shown whole: at 100 mostly healthy pages, reading them all
  // was most of the answer's time.
  const records = await getLocal(entries.filter((e) => !e.compact).map((e) => pageStorageKey(e.page.key)))
  const pages = entries.map(({ page, entry, granted, compact }) => (compact ? compactView(page, entry) : fullView(page, entry, granted)))
  const problem = await readSession(PROBLEM).catch(() => null)
  const notifications = { permission: await notificationPermission(), undelivered: await readSession(UNDELIVERED).catch(() => null), actions: notificationsHaveActions() }
  const history = decodeItem(HISTORY, shared[HISTORY.key]).entries
  const marks = history.map(({ at, kind, pageKey, impact, name }) => ({ at, kind, pageKey, impact, name }))
  return { settings, pages, offline: { offline: meta.offline, since: meta.since }, problem, notifications, history: history.slice(0, options.historyLimit), marks }

  function fullView(page: WatchedPage, timing: ScheduleEntry, granted: boolean): PageView {
    const { state, omitted } = decodeItem(PAGE_RECORD, records[pageStorageKey(page.key)])
    return {
      ...fromSettingsAndSchedule(page, timing),
      name: page.name || state.snapshot?.page.name || page.key,
      level: state.snapshot?.level ?? null,
      snapshot: state.snapshot,
      // The shell's own failures live in the schedule (the record may be what could not be
      // written); while offline, the one offline state says it: no "unreachable" on every page.
      lastError: shellError(timing) ?? (meta.offline && isNetworkError(state.lastError?.kind) ? null : state.lastError),
      errorCount: state.errorCount,
      permission: granted ? 'granted' : 'missing',
      ...(omitted.components + omitted.incidents + omitted.maintenances > 0 ? { omitted } : {}),
    }
  }
}

/** Chrome's `notifications.getPermissionLevel` (not in Firefox, nor in the polyfill's types). */
async function notificationPermission(): Promise<'granted' | 'denied' | null> {
  const api = browser.notifications as { getPermissionLevel?: () => Promise<string> }
  try {
    const level = typeof api.getPermissionLevel === 'function' ? await api.getPermissionLevel() : null
    return level === 'granted' || level === 'denied' ? level : null
  } catch {
    return null
  }
}

function shellError(entry: ScheduleEntry): PollError | null {
  if (entry.error === 'storage') return pollError('storage', "The page's newest state could not be saved: the extension's storage is full.")
  if (entry.error === 'internal') return pollError('internal', 'Checking this page failed inside the extension.')
  return null
}

function fromSettingsAndSchedule(page: WatchedPage, timing: ScheduleEntry): Pick<PageView, 'key' | 'url' | 'platform' | 'filters' | 'lastCheckedAt' | 'lastOkAt' | 'nextDueAt'> {
  return { key: page.key, url: page.url, platform: page.platform, filters: page.filters, lastCheckedAt: timing.lastCheckedAt, lastOkAt: timing.lastOkAt, nextDueAt: timing.nextDueAt }
}

function compactView(page: WatchedPage, entry: ScheduleEntry): PageView {
  return {
    ...fromSettingsAndSchedule(page, entry),
    name: page.name || page.key,
    level: entry.level ?? 'operational',
    snapshot: null,
    lastError: null,
    errorCount: 0,
    permission: 'granted',
    compact: true,
  }
}
