import { HEALTHY_INTERVAL_MS } from '../../src/schedule.ts'
import { armAlarm, ensureAlarm } from './alarm.ts'
import { refreshBadge } from './badge.ts'
import type { Context } from './context.ts'
import { deliverOutbox } from './outbox.ts'
import { runCycle, type CycleOptions, type CycleResult } from './poll-cycle.ts'
import { problemAfter, readProblem, writeProblem } from './problem.ts'
import { releaseQuietHours } from './quiet-release.ts'

/**
 * What one wake-up of the worker does:
 *
 *   deliver leftover outbox → cycle → arm alarm → badge
 *                               ↑                    │ next poll due within 25 s, and this
 *                               └── sleep until due ─┘ wake-up has budget left (2 cycles, 60 s)
 *
 * The 15 s cadence. Chrome fires the alarms of packed extensions at most every 30 s, so an
 * alarm alone cannot poll a disturbed page every 15 s. Instead, after a cycle whose next poll
 * is less than 25 s away, the alarm is armed anyway (the safety net if the worker dies while
 * waiting) and the worker waits in-process and runs the next cycle itself. The wait stays under
 * the ~30 s idle limit of the MV3 worker, counted from the last extension API call (the alarm
 * and badge calls just made), and each cycle's fetches and storage calls renew it. A wake-up
 * runs at most `maxExtraCycles` extra cycles within KEEP_ALIVE_BUDGET_MS; the alarm, which
 * was armed ≥ 30 s earlier, fires about when that budget ends and starts the next wake-up. When
 * all is well (60 s polls) nothing waits in-process: the worker sleeps between alarms.
 *
 * Never silent. Each step stands alone: a cycle that throws (settings unreadable, storage full
 * even after trimming) is reported as a monitoring problem and retried in a minute, and the
 * alarm is armed and the badge painted whatever happened before them. The alarm repeats every
 * minute by itself (alarm.ts), so even a wake-up that dies before re-arming is not the last.
 */

/** In-process waits longer than this are left to the alarm (the worker's idle limit is ~30 s). */
export const KEEP_ALIVE_MAX_WAIT_MS = 25_000
/** No wake-up keeps the worker busy for longer than this. */
export const KEEP_ALIVE_BUDGET_MS = 60_000

export interface WakeOptions extends CycleOptions {
  /** false: one cycle only (a "check now" whose caller waits for the answer). */
  readonly keepAlive?: boolean
}

/** Returns the number of page visits. */
export async function wakeAndPoll(ctx: Context, options: WakeOptions = {}): Promise<number> {
  const { deps } = ctx
  const maxExtra = options.keepAlive === false ? 0 : deps.maxExtraCycles
  await chore(releaseQuietHours(ctx), 'quiet hours')
  await chore(deliverOutbox(ctx), 'notifications')
  const started = deps.now()
  let result = await guardedCycle(ctx, options)
  let polled = result.polled
  for (let extra = 0; ; extra++) {
    await chore(armAlarm(ctx, result.nextDueAt), 'alarm')
    await chore(refreshBadge(), 'badge')
    const due = result.nextDueAt
    if (due === null || extra >= maxExtra) break
    const wait = due - deps.now()
    if (wait > KEEP_ALIVE_MAX_WAIT_MS || due - started > KEEP_ALIVE_BUDGET_MS) break
    if (wait > 0) await deps.sleep(wait)
    result = await guardedCycle(ctx, {})
    polled += result.polled
  }
  return polled
}

/** A wake-up for something else (a message, a click): owed notifications and the alarm first. */
export async function wakeLight(ctx: Context): Promise<void> {
  await chore(releaseQuietHours(ctx), 'quiet hours')
  await chore(deliverOutbox(ctx), 'notifications')
  await chore(ensureAlarm(ctx), 'alarm')
}

/** One cycle whose failure is recorded, not thrown: the caller arms the alarm regardless. */
async function guardedCycle(ctx: Context, options: CycleOptions): Promise<CycleResult> {
  const previous = await readProblem().catch(() => null)
  try {
    const cycle = await ctx.cycleLock(() => runCycle(ctx, options))
    await writeProblem(problemAfter({ cycle }, cycle.schedule, previous, ctx.deps.now()))
    return cycle
  } catch (error) {
    console.error('[status-monitor] the poll cycle failed:', error)
    const now = ctx.deps.now()
    await writeProblem(problemAfter({ error }, null, previous, now))
    return { polled: 0, nextDueAt: now + HEALTHY_INTERVAL_MS, failed: [], schedule: { pages: {} } }
  }
}

/** A step whose failure must not stop the ones after it. */
async function chore(task: Promise<unknown>, what: string): Promise<void> {
  try {
    await task
  } catch (error) {
    console.error(`[status-monitor] ${what} failed:`, error)
  }
}
