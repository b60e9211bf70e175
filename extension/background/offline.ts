import { isNetworkError } from '../../src/poll-error.ts'
import type { Meta, ScheduleEntry } from '../storage/records.ts'

/**
 * One offline state instead of a storm of per-page errors: when every page with a known outcome
 * failed on the network, at least one with no connection at all. Timeouts alone do not make it:
 * a server that stalls is that server's trouble, and with one watched page it is all we would
 * see. Online again as soon as any page answers, even with an HTTP error.
 */
export function offlineAfterCycle(previous: Meta, entries: readonly ScheduleEntry[], polled: number, online: boolean, now: number): Meta {
  const offline = (): Meta => (previous.offline ? previous : { offline: true, since: now })
  if (!online) return offline()
  if (polled === 0) return previous
  const known = entries.filter((e) => e.lastCheckedAt !== null && e.error !== 'permission')
  if (known.some((e) => e.error === 'network') && known.every((e) => isNetworkError(e.error))) return offline()
  return previous.offline ? { offline: false, since: null } : previous
}
