import { browser } from '../platform/browser.ts'
import { decodeItem } from '../storage/item.ts'
import { SCHEDULE } from '../storage/records.ts'
import { getLocal, readSettings } from '../storage/store.ts'
import type { Context } from './context.ts'
import { earliestDue } from './poll-cycle.ts'

/**
 * ONE alarm for all pages, at the earliest next poll (not one per page: 1,000 alarms would
 * each wake the worker). Chrome clears alarms on update and may lose them; every wake-up
 * checks that it is there. It repeats every minute after its time: a wake-up is supposed to
 * re-arm it, and when one dies before doing so (or its cycle fails), the repeat is the safety
 * net that keeps the watch going.
 */
export const ALARM = 'poll'
const SAFETY_PERIOD_MINUTES = 1
/** An existing alarm this close after the wanted time is good enough. */
const TOLERANCE_MS = 1_000
/** An alarm still listed this long after its time will not fire any more: replace it. */
const STALE_MS = 60_000

/**
 * Arms the alarm for `due`, unless the existing one fires no later than that. Re-creating it
 * would only push it back: Chrome fires an alarm at least 30 s after it was created, and a
 * one-shot alarm still listed after its time is about to fire (Chrome removes it when it
 * fires). An early wake-up costs nothing but a look at the schedule.
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

/**
 * Re-arms from storage (any wake-up that runs no cycle): when the alarm is missing, and when it
 * is later than the earliest due page, as after the clock went back (it was set by the old one).
 */
export async function ensureAlarm(ctx: Context): Promise<void> {
  const settings = await readSettings()
  const stored = await getLocal([SCHEDULE.key])
  await armAlarm(ctx, earliestDue(settings, decodeItem(SCHEDULE, stored[SCHEDULE.key]), ctx.deps.now()))
}
