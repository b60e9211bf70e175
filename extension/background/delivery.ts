import { UNDELIVERED, type Undelivered } from '../storage/records.ts'
import { entry, readSession, sessionArea } from '../storage/store.ts'

/** One notification shown clears the count: the platform shows them again. */
export function undeliveredAfter(previous: Undelivered | null, shown: number, dropped: readonly string[], now: number): Undelivered | null {
  if (dropped.length > 0) return { since: previous?.since ?? now, count: (previous?.count ?? 0) + dropped.length, reason: dropped.at(-1) ?? '' }
  return shown > 0 ? null : previous
}

/** Never throws: a failure to say it must not stop the delivery. */
export async function noteDelivery(shown: number, dropped: readonly string[], now: number): Promise<void> {
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
