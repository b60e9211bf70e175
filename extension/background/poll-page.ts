import { detectPlatform } from '../../src/detect.ts'
import { alertLevel, type Platform } from '../../src/model.ts'
import { pollPage } from '../../src/monitor.ts'
import { planNotifications } from '../../src/notify/plan.ts'
import type { PageState } from '../../src/page-state.ts'
import { afterFailure } from '../../src/schedule.ts'
import { pollError } from '../../src/poll-error.ts'
import { err } from '../../src/result.ts'
import { sameJson } from '../storage/item.ts'
import { listedFromSchedule, withoutTiming, type PageRecord, type ScheduleEntry } from '../storage/records.ts'
import type { QuietHours, WatchedPage } from '../storage/settings.ts'
import type { Context } from './context.ts'
import { commitPoll, deliverOutbox } from './outbox.ts'
import { permissionError } from './permissions.ts'
import type { PermissionCheck } from '../permissions/host-permissions.ts'
import { snapshotNeedsAttention } from '../messaging/page-problem.ts'
import { fitPageState } from '../../src/state-budget.ts'

/** `bad_shape` polls in a row after which the platform is detected again (pages migrate). */
export const REDETECT_AFTER = 3
/** A page without its host permission is looked at again this often (and at once when granted). */
export const PERMISSION_RECHECK_MS = 15 * 60_000

export interface Visit {
  readonly timing: ScheduleEntry
  readonly stored: PageRecord
  readonly isGranted: PermissionCheck
  readonly notifyOnRecovery: boolean
  readonly quietHours: QuietHours | null
  /** The most this page's stored state may take (state-budget.ts: a share of the whole). */
  readonly budgetBytes: number
}

export interface VisitOutcome {
  readonly entry: ScheduleEntry
  /** Saved by the caller in one settings write: storage.sync allows 120 writes a minute. */
  readonly detected: { readonly platform: Platform; readonly name: string } | null
}

export async function visitPage(ctx: Context, page: WatchedPage, visit: Visit): Promise<VisitOutcome> {
  let detected: VisitOutcome['detected'] = null
  const done = (entry: ScheduleEntry): VisitOutcome => ({ entry, detected })
  const { deps } = ctx
  const { stored, timing, notifyOnRecovery, quietHours } = visit
  const record: PageRecord = { ...stored, state: { ...stored.state, ...timingOf(timing) } }

  if (!(await visit.isGranted(page.url, page.platform))) {
    const now = deps.now()
    const state: PageState = { ...record.state, lastError: permissionError(page.url, page.platform), nextDueAt: now + PERMISSION_RECHECK_MS }
    if (!sameJson(record.state.lastError, state.lastError)) await commitPoll(ctx, bare(page.key, { ...record, state: withoutTiming(state) }))
    return done(entryOf(state))
  }

  let platform: Platform | null = record.badShapes >= REDETECT_AFTER ? null : page.platform
  let badShapes = record.badShapes
  if (platform === null) {
    const detection = await detectPlatform(new URL(page.url), deps)
    // Found at another address (a feed the page's HTML announces) would change the page's key: the user adds it.
    const found =
      detection.ok && detection.value.base !== undefined
        ? err(pollError('bad_shape', `no longer readable here; it is read at ${detection.value.base.href}: add that address`))
        : detection
    if (!found.ok) {
      const state = afterFailure(record.state, found.error, deps.now(), deps.random)
      await commitPoll(ctx, bare(page.key, { ...record, state: withoutTiming(state) }))
      return done(entryOf(state))
    }
    platform = found.value.platform
    badShapes = 0
    if (platform !== page.platform || page.name === '') detected = { platform, name: found.value.snapshot.page.name }
  }

  const outcome = await pollPage({ page: { base: page.url, platform }, state: record.state }, deps)
  const { state, events } = outcome
  if (outcome.result === 'error') badShapes = state.lastError?.kind === 'bad_shape' ? badShapes + 1 : badShapes
  else badShapes = 0
  deps.checkpoint(`polled:${page.key}`)

  if (outcome.stateChanged || badShapes !== record.badShapes || events.length > 0) {
    if (outcome.result === 'changed') await deps.pause()
    const plan = planNotifications({ page, events, occasion: outcome.occasion, backfill: outcome.backfill, snapshot: state.snapshot, notifyOnRecovery, quietHours, now: deps.now() })
    const next = entryOf(state)
    await commitPoll(ctx, {
      ...(listedFromSchedule(timing) && !listedFromSchedule(next) ? { scheduleEntry: next } : {}),
      pageKey: page.key,
      record: { ...fitPageState(withoutTiming(state), visit.budgetBytes), badShapes },
      ...plan,
    })
    // Shown now, not at the end of the cycle: a slow page must not delay another page's news.
    if (plan.notifications.length > 0) await deliverOutbox(ctx)
  }
  return done(entryOf(state))
}

function bare(pageKey: string, record: PageRecord): Parameters<typeof commitPoll>[1] {
  return { pageKey, record, notifications: [], history: [], links: [] }
}

function timingOf(entry: ScheduleEntry): Pick<PageState, 'lastCheckedAt' | 'lastOkAt' | 'nextDueAt'> {
  return { lastCheckedAt: entry.lastCheckedAt, lastOkAt: entry.lastOkAt, nextDueAt: entry.nextDueAt }
}

export function entryOf(state: PageState): ScheduleEntry {
  return {
    lastCheckedAt: state.lastCheckedAt,
    lastOkAt: state.lastOkAt,
    nextDueAt: state.nextDueAt,
    level: state.snapshot === null ? null : alertLevel(state.snapshot),
    incidents: state.snapshot?.incidents.length ?? 0,
    error: state.lastError?.kind ?? null,
    calm: state.snapshot !== null && !snapshotNeedsAttention(state.snapshot),
    strikes: 0,
  }
}
