import { isNetworkError } from '../../src/poll-error.ts'
import type { Meta, ScheduleEntry } from '../storage/records.ts'

/**
 * One offline state instead of a storm of per-page errors. Pure.
 *
 * Offline when the browser says so (`navigator.onLine === false`), or when a cycle polled at
 * least one page and every page with a known outcome (permission-less and never-checked pages
 * aside) last failed with a network error or a timeout, at least one of them a network error
 * (no connection at all): one unreachable host among healthy ones is that host's problem, all
 * of them at once is ours. Timeouts alone do not make it: a server that accepted the request
 * and stalls is that server's trouble, and with one watched page it is all we would see.
 * Online again as soon as any page answers (even with an HTTP error: the network works).
 * Coming back online announces nothing: the engine kept each page's seen-state through the
 * errors, so only real changes are reported.
 */
export function offlineAfterCycle(previous: Meta, entries: readonly ScheduleEntry[], polled: number, online: boolean, now: number): Meta {
  const offline = (): Meta => (previous.offline ? previous : { offline: true, since: now })
  if (!online) return offline()
  if (polled === 0) return previous
  const known = entries.filter((e) => e.lastCheckedAt !== null && e.error !== 'permission')
  if (known.some((e) => e.error === 'network') && known.every((e) => isNetworkError(e.error))) return offline()
  return previous.offline ? { offline: false, since: null } : previous
}
