import { UNDELIVERED, type Undelivered } from '../storage/records.ts'
import { entry, readSession, sessionArea } from '../storage/store.ts'

/**
 * After an outbox delivery: notifications given up on are counted (with the last reason) for the
 * popup to say; one shown clears the count, as the platform shows them again. Pure decision.
 */
export function undeliveredAfter(previous: Undelivered | null, shown: number, dropped: readonly string[], now: number): Undelivered | null {
  if (dropped.length > 0) return { since: previous?.since ?? now, count: (previous?.count ?? 0) + dropped.length, reason: dropped.at(-1) ?? '' }
  return shown > 0 ? null : previous
}

/** Records it; never throws (a failure to say it must not stop the delivery). */
export async function noteDelivery(shown: number, dropped: readonly string[], now: number): Promise<void> {
  // Nothing shown and nothing dropped changes nothing: no read on a quiet wake-up.
  if (shown === 0 && dropped.length === 0) return
  const session = sessionArea()
  if (session === null) return
  try {
    const previous = await readSession(UNDELIVERED)
    const next = undeliveredAfter(previous, shown, dropped, now)
    if (next === previous) return
    await (next === null ? session.remove(UNDELIVERED.key) : session.set(entry(UNDELIVERED, next)))
  } catch (error) {
    console.error('[status-monitor] could not record undelivered notifications:', error)
  }
}
