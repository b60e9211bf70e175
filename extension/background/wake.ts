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
 * The 15 s cadence: Chrome fires a packed extension's alarms at most every 30 s, so for a page
 * due sooner the alarm is armed anyway (the safety net) and the worker waits in-process. The
 * wait stays under the MV3 worker's ~30 s idle limit, counted from the last extension API call
 * (the alarm and badge calls just made). When all is well (60 s polls) nothing waits in-process.
 *
 * Never silent: each step stands alone. A cycle that throws is reported as a monitoring problem,
 * and the alarm is armed and the badge painted whatever happened before; the alarm repeats every
 * minute by itself (alarm.ts), so even a wake-up that dies before re-arming is not the last.
 */

export const KEEP_ALIVE_MAX_WAIT_MS = 25_000
export const KEEP_ALIVE_BUDGET_MS = 60_000

export interface WakeOptions extends CycleOptions {
  /** false: one cycle only (a "check now" whose caller waits for the answer). */
  readonly keepAlive?: boolean
}

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

async function chore(task: Promise<unknown>, what: string): Promise<void> {
  try {
    await task
  } catch (error) {
    console.error(`[status-monitor] ${what} failed:`, error)
  }
}
