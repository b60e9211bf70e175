import { decodeItem, sameJson } from '../storage/item.ts'
import { EMPTY_ENTRY, META, SCHEDULE, pageStorageKey, type Schedule, type ScheduleEntry } from '../storage/records.ts'
import type { Settings } from '../storage/settings.ts'
import { entry, getLocal, readSettings, removeLocal } from '../storage/store.ts'
import type { Context } from './context.ts'
import { mapLimit } from './mutex.ts'
import { offlineAfterCycle } from './offline.ts'
import { pageRecordLoader } from '../storage/page-records.ts'
import { hostPermissionCheck } from '../permissions/host-permissions.ts'
import { visitPage, type VisitOutcome } from './poll-page.ts'
import { updateSettings } from './settings-update.ts'
import { effectiveDueAt } from '../../src/schedule.ts'
import { pageBudgetBytes } from '../../src/state-budget.ts'
import { setLocalMakingRoom } from '../storage/room.ts'
import { describeError, failedEntry } from './page-failure.ts'

/** Enough for 1,000 pages, gentle on the browser and the network. */
export const CONCURRENCY = 6
/** Pages due this soon are polled now with the others rather than in a wake-up of their own. */
export const DUE_SLACK_MS = 2_000
/** Page records read per storage call: a few times CONCURRENCY, a few hundred KB at most. */
const RECORD_BATCH = 50

export interface CycleOptions {
  readonly force?: 'all' | readonly string[]
}

export interface CycleResult {
  readonly polled: number
  readonly nextDueAt: number | null
  readonly failed: readonly { readonly key: string; readonly reason: string }[]
  readonly schedule: Schedule
}

/** Each due page commits its own changes (outbox.ts); then ONE write of the schedule and the offline state, if changed. */
export async function runCycle(ctx: Context, options: CycleOptions = {}): Promise<CycleResult> {
  const { deps } = ctx
  const start = deps.now()
  const settings = await readSettings()
  const stored = await getLocal([SCHEDULE.key])
  const schedule = decodeItem(SCHEDULE, stored[SCHEDULE.key])
  const forced = (key: string): boolean => options.force === 'all' || (options.force?.includes(key) ?? false)
  const due = settings.pages.filter((page) => forced(page.key) || effectiveDueAt(schedule.pages[page.key] ?? EMPTY_ENTRY, start) <= start + DUE_SLACK_MS)

  const isGranted = await hostPermissionCheck()
  const budgetBytes = pageBudgetBytes(settings.pages.length)
  const loadRecord = pageRecordLoader(due.map((page) => page.key), RECORD_BATCH)
  const visited = new Map<string, ScheduleEntry>()
  const detected = new Map<string, NonNullable<VisitOutcome['detected']>>()
  const failed: { key: string; reason: string }[] = []
  await mapLimit(due, CONCURRENCY, async (page) => {
    const timing = schedule.pages[page.key] ?? EMPTY_ENTRY
    try {
      const visit = { timing, stored: await loadRecord(page.key), isGranted, notifyOnRecovery: settings.notifyOnRecovery, quietHours: settings.quietHours ?? null, budgetBytes }
      const outcome = await visitPage(ctx, page, visit)
      visited.set(page.key, outcome.entry)
      if (outcome.detected !== null) detected.set(page.key, outcome.detected)
    } catch (error) {
      console.warn(`[status-monitor] ${page.key}: the visit failed:`, error)
      visited.set(page.key, failedEntry(timing, error, deps.now(), deps.random))
      failed.push({ key: page.key, reason: describeError(error) })
    }
    await deps.pause()
  })

  if (detected.size > 0) await saveDetected(ctx, detected)

  const after = await ctx.storageLock(async () => {
    const current = await readSettings()
    const local = await getLocal([SCHEDULE.key, META.key])
    const before = decodeItem(SCHEDULE, local[SCHEDULE.key])
    const meta = decodeItem(META, local[META.key])
    const next: Schedule = {
      pages: Object.fromEntries(current.pages.map((p) => [p.key, visited.get(p.key) ?? before.pages[p.key] ?? EMPTY_ENTRY])),
    }
    const nextMeta = offlineAfterCycle(meta, Object.values(next.pages), visited.size, deps.isOnline(), deps.now())
    await setLocalMakingRoom({
      ...(sameJson(before, next) ? {} : entry(SCHEDULE, next)),
      ...(sameJson(meta, nextMeta) ? {} : entry(META, nextMeta)),
    })
    // Pages removed meanwhile (here or on another device, through sync) leave no state behind,
    // not even the one this cycle may have committed after the removal.
    const gone = [...new Set([...Object.keys(before.pages), ...visited.keys()])].filter((key) => !(key in next.pages))
    await removeLocal(gone.map(pageStorageKey))
    return { settings: current, schedule: next }
  })
  deps.checkpoint('schedule-written')
  return { polled: due.length, nextDueAt: earliestDue(after.settings, after.schedule, deps.now()), failed, schedule: after.schedule }
}

export function earliestDue(settings: Settings, schedule: Schedule, now: number): number | null {
  let earliest: number | null = null
  for (const page of settings.pages) {
    const due = effectiveDueAt(schedule.pages[page.key] ?? EMPTY_ENTRY, now)
    if (earliest === null || due < earliest) earliest = due
  }
  return earliest
}

/** A write that fails (sync's quota) costs only a detection again next time. */
async function saveDetected(ctx: Context, detected: ReadonlyMap<string, NonNullable<VisitOutcome['detected']>>): Promise<void> {
  try {
    await updateSettings(ctx, (settings) => {
      let changed = false
      const pages = settings.pages.map((page) => {
        const found = detected.get(page.key)
        if (found === undefined || (page.platform === found.platform && page.name !== '')) return page
        changed = true
        return { ...page, platform: found.platform, name: page.name || found.name }
      })
      return changed ? { ...settings, pages } : settings
    })
  } catch (error) {
    console.warn('[status-monitor] the detected platforms could not be saved (they are detected again next time):', error)
  }
}
