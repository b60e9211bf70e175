import { isDisturbed, type Snapshot } from './model.ts'
import type { PageState } from './page-state.ts'
import type { PollError } from './poll-error.ts'

/**
 * When to poll a page next (the caller adds the delay to its own clock):
 *
 *   healthy            60 s
 *   anything wrong     15 s  (incident, non-operational component, maintenance in progress,
 *                      or an end that awaits its confirming answer: diff.ts)
 *   n errors in a row  equal jitter over 30 s × 2^(n-1), capped at 15 min
 *   Retry-After        never sooner than the source asked (capped at 1 h)
 *   Cache-Control      never sooner than max-age (capped at 15 min): polling a cached
 *                      resource faster than it can change only costs the source
 */

export const HEALTHY_INTERVAL_MS = 60_000
export const DISTURBED_INTERVAL_MS = 15_000
export const BACKOFF_BASE_MS = 30_000
export const MAX_BACKOFF_MS = 15 * 60_000
/** A Retry-After of a day is obeyed for an hour: after that we ask again (and get told again). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000
export const MIN_DELAY_MS = DISTURBED_INTERVAL_MS

export interface ScheduleInput {
  /** Counting the poll that just finished. */
  readonly errorCount: number
  readonly snapshot: Snapshot | null
  /** awaitsConfirmation: the next answer announces an end, so it comes as soon as for a disturbed page. */
  readonly confirming?: boolean
  readonly retryAfterMs?: number | null
  readonly cacheMaxAgeMs?: number | null
  readonly random: () => number
}

export function nextPollDelay(input: ScheduleInput): number {
  const errors = Number.isFinite(input.errorCount) ? Math.max(0, Math.floor(input.errorCount)) : 0
  let delay: number
  if (errors > 0) {
    delay = jitteredBackoff(errors, unit(input.random()))
  } else {
    const disturbed = input.confirming === true || (input.snapshot !== null && isDisturbed(input.snapshot))
    delay = disturbed ? DISTURBED_INTERVAL_MS : HEALTHY_INTERVAL_MS
  }
  const maxAge = finiteNonNegative(input.cacheMaxAgeMs)
  if (maxAge !== null) delay = Math.max(delay, Math.min(maxAge, MAX_BACKOFF_MS))
  const retryAfter = finiteNonNegative(input.retryAfterMs)
  if (retryAfter !== null) delay = Math.max(delay, Math.min(retryAfter, MAX_RETRY_AFTER_MS))
  return Math.max(MIN_DELAY_MS, Math.round(delay))
}

/** After a failed poll or detection: the error counted, everything else kept, the next poll backed off. */
export function afterFailure(state: PageState, error: PollError, at: number, random: () => number): PageState & { readonly nextDueAt: number } {
  const errorCount = state.errorCount + 1
  let delay: number
  try {
    delay = nextPollDelay({ errorCount, snapshot: state.snapshot, retryAfterMs: error.retryAfterMs ?? null, random })
  } catch {
    // A snapshot or `random` that breaks the schedule must not keep the failure from being recorded.
    delay = nextPollDelay({ errorCount, snapshot: null, retryAfterMs: error.retryAfterMs ?? null, random: () => 1 })
  }
  return { ...state, errorCount, lastError: error, lastCheckedAt: at, nextDueAt: at + delay }
}

// Equal jitter, not full: a floor, while still spreading 1,000 pages that failed together.
function jitteredBackoff(errors: number, r: number): number {
  // 2^5 × 30 s already exceeds the cap; clamping the exponent avoids Infinity for huge counts.
  const backoff = Math.min(MAX_BACKOFF_MS, BACKOFF_BASE_MS * 2 ** Math.min(errors - 1, 30))
  return backoff / 2 + (backoff / 2) * r
}

/** A broken `random` cannot push the delay outside its bounds. */
function unit(r: number): number {
  return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0
}

function finiteNonNegative(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : Math.max(0, value)
}

/** Retry-After as delta-seconds ("120") or an HTTP-date → ms from `now`, or null when unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | null {
  if (header === null || header === undefined) return null
  const value = header.trim()
  if (value === '') return null
  if (/^\d+$/.test(value)) {
    const seconds = Number(value)
    return Number.isFinite(seconds) ? seconds * 1000 : null
  }
  // Only date-looking values: Date.parse also accepts things like "1" or "-5" as years.
  if (!/[a-z]/i.test(value)) return null
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** Cache-Control max-age in ms. s-maxage is ignored on purpose: it is for shared caches, and this client is the user's own. */
export function parseCacheMaxAge(header: string | null | undefined): number | null {
  if (header === null || header === undefined) return null
  for (const directive of header.split(',')) {
    const match = /^\s*max-age\s*=\s*"?(\d+)"?\s*$/i.exec(directive)
    if (match?.[1] !== undefined) return Number(match[1]) * 1000
  }
  return null
}

export const LONGEST_INTERVAL_MS = Math.max(MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS)
/** Clock wobble between two readings that is not yet a jump. */
export const CLOCK_SLACK_MS = 5_000

export interface PageTiming {
  readonly lastCheckedAt: number | null
  readonly nextDueAt: number | null
}

/**
 * When a page is really due: stored due times are absolute, and the clock may since have jumped.
 *
 *   never polled, or no due time                 due now
 *   last checked "in the future"                 the clock went back (an NTP fix, a dual
 *                                                boot): its due time means nothing, due now
 *   due further ahead than any interval we set   corrupt or from a clock that ran ahead: due now
 *   otherwise                                    its due time (a forward jump or a resume from
 *                                                sleep just makes it overdue)
 */
export function effectiveDueAt(timing: PageTiming, now: number): number {
  const { lastCheckedAt, nextDueAt } = timing
  if (nextDueAt === null || !Number.isFinite(nextDueAt)) return now
  if (lastCheckedAt !== null && lastCheckedAt > now + CLOCK_SLACK_MS) return now
  if (nextDueAt > now + LONGEST_INTERVAL_MS) return now
  return nextDueAt
}
