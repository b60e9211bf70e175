import type { FetchLike } from '../../src/fetch-json.ts'
import { yieldToMessages } from './message-priority.ts'

/** The effects the background needs; unit tests pass their own clock, sleep and checkpoints. */
export interface BackgroundDeps {
  readonly fetch: FetchLike
  readonly timeoutSignal: (ms: number) => AbortSignal
  readonly now: () => number
  readonly random: () => number
  /** Between two cycles of one wake-up (wake.ts: the 15 s cadence). */
  readonly sleep: (ms: number) => Promise<void>
  /** `navigator.onLine`: false means offline for sure; true proves nothing. */
  readonly isOnline: () => boolean
  /** Called at every step with effects; tests throw from it to kill the worker right there. */
  readonly checkpoint: (step: string) => void
  /** Cycles run in-process after the first one of a wake-up, while a page is due within 25 s. */
  readonly maxExtraCycles: number
  /** Per request; the engine's default when absent. */
  readonly timeoutMs?: number
  /** Lets a waiting popup message run before the next heavy step: a macrotask, not a microtask. */
  readonly pause: () => Promise<void>
  /** How long `notifications.create` may take before it counts as failed (it has hung in the wild). */
  readonly notificationTimeoutMs: number
}

export function realDeps(): BackgroundDeps {
  return {
    // no-store: our own If-None-Match/If-Modified-Since decide; the HTTP cache must neither
    // answer for the page nor turn its 304 into a 200. No cookies go to status pages. A history
    // read keeps no body of its own, so there the cache revalidates and keeps the copy.
    fetch: (url, init) =>
      fetch(url, { headers: init.headers, signal: init.signal, cache: init.revalidate === true ? 'no-cache' : 'no-store', credentials: 'omit' }),
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
    now: () => Date.now(),
    random: Math.random,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
    checkpoint: () => {},
    maxExtraCycles: 2,
    pause: yieldToMessages,
    notificationTimeoutMs: 10_000,
  }
}
