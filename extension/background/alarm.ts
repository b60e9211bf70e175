import { browser } from '../platform/browser.ts'
import { decodeItem } from '../storage/item.ts'
import { SCHEDULE } from '../storage/records.ts'
import { getLocal, readSettings } from '../storage/store.ts'
import type { Context } from './context.ts'
import { earliestDue } from './poll-cycle.ts'

/**
 * ONE alarm for all pages (1,000 alarms would each wake the worker). Chrome clears alarms on
 * update and may lose them, so every wake-up checks it. It repeats every minute: the safety net
 * when a wake-up dies before re-arming it.
 */
export const ALARM = 'poll'
const SAFETY_PERIOD_MINUTES = 1
const TOLERANCE_MS = 1_000
/** An alarm still listed this long after its time will not fire any more: replace it. */
const STALE_MS = 60_000

/**
 * Keeps an existing alarm that fires no later than `due`: re-creating it would push it back
 * (Chrome fires an alarm at least 30 s after its creation). An early wake-up costs little.
 */
export async function armAlarm(ctx: Context, due: number | null): Promise<void> {
  if (due === null) {
    await browser.alarms.clear(ALARM)
    return
  }
  const now = ctx.deps.now()
  const existing = await browser.alarms.get(ALARM)
  if (existing !== undefined && existing.scheduledTime > now - STALE_MS && existing.scheduledTime <= due + TOLERANCE_MS) return
  await browser.alarms.create(ALARM, { when: Math.max(due, now + 500), periodInMinutes: SAFETY_PERIOD_MINUTES })
  ctx.deps.checkpoint('alarm-armed')
}

/** For wake-ups that run no cycle: also catches an alarm set before the clock went back. */
export async function ensureAlarm(ctx: Context): Promise<void> {
  const settings = await readSettings()
  const stored = await getLocal([SCHEDULE.key])
  await armAlarm(ctx, earliestDue(settings, decodeItem(SCHEDULE, stored[SCHEDULE.key]), ctx.deps.now()))
}
