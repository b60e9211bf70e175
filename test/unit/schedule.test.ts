import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Snapshot } from '../../src/model.ts'
import { initialPageState } from '../../src/page-state.ts'
import { pollError } from '../../src/poll-error.ts'
import {
  afterFailure,
  BACKOFF_BASE_MS,
  CLOCK_SLACK_MS,
  DISTURBED_INTERVAL_MS,
  HEALTHY_INTERVAL_MS,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  MIN_DELAY_MS,
  effectiveDueAt,
  LONGEST_INTERVAL_MS,
  nextPollDelay,
  parseCacheMaxAge,
  parseRetryAfter,
} from '../../src/schedule.ts'

const healthy: Snapshot = {
  platform: 'statuspage',
  page: { name: 'Example', url: 'https://status.example.com' },
  level: 'operational',
  components: [{ id: 'api', name: 'API', groupId: null, status: 'operational' }],
  groups: [],
  incidents: [],
  maintenances: [],
}
const degraded: Snapshot = {
  ...healthy,
  level: 'minor',
  components: [{ id: 'api', name: 'API', groupId: null, status: 'degraded_performance' }],
}
const withIncident: Snapshot = {
  ...healthy,
  incidents: [
    {
      id: 'i1',
      name: 'Errors',
      status: 'investigating',
      impact: 'minor',
      url: null,
      startedAt: null,
      updates: [],
      componentIds: [],
    },
  ],
}
const maintenance = (status: 'scheduled' | 'in_progress' | 'verifying'): Snapshot => ({
  ...healthy,
  maintenances: [
    {
      id: 'm1',
      name: 'DB upgrade',
      status,
      impact: 'maintenance',
      url: null,
      scheduledFor: null,
      scheduledUntil: null,
      updates: [],
      componentIds: [],
    },
  ],
})

const half = (): number => 0.5

describe('nextPollDelay', () => {
  it('polls every 60 s while all is well, and with no snapshot yet', () => {
    expect(nextPollDelay({ errorCount: 0, snapshot: healthy, random: half })).toBe(HEALTHY_INTERVAL_MS)
    expect(nextPollDelay({ errorCount: 0, snapshot: null, random: half })).toBe(60_000)
    // Upcoming maintenance is not a disturbance yet.
    expect(nextPollDelay({ errorCount: 0, snapshot: maintenance('scheduled'), random: half })).toBe(60_000)
  })

  it('polls every 15 s while an incident, a degraded component or a maintenance in progress is on', () => {
    for (const snapshot of [degraded, withIncident, maintenance('in_progress'), maintenance('verifying')]) {
      expect(nextPollDelay({ errorCount: 0, snapshot, random: half })).toBe(DISTURBED_INTERVAL_MS)
    }
  })

  it('polls every 15 s while an end awaits its confirming answer, though the page looks calm', () => {
    expect(nextPollDelay({ errorCount: 0, snapshot: healthy, confirming: true, random: half })).toBe(DISTURBED_INTERVAL_MS)
    expect(nextPollDelay({ errorCount: 0, snapshot: healthy, confirming: false, random: half })).toBe(HEALTHY_INTERVAL_MS)
  })

  it('backs off exponentially with equal jitter on errors, up to 15 min', () => {
    const at = (errorCount: number, r: number): number => nextPollDelay({ errorCount, snapshot: healthy, random: () => r })
    expect([at(1, 0), at(1, 0.999999)]).toEqual([15_000, 30_000])
    expect([at(2, 0), at(2, 0.5)]).toEqual([30_000, 45_000])
    expect([at(3, 0), at(4, 0), at(5, 0), at(6, 0)]).toEqual([60_000, 120_000, 240_000, 450_000])
    expect([at(6, 1), at(7, 1), at(1000, 1), at(Number.MAX_SAFE_INTEGER, 1)]).toEqual([
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ])
    // The backoff replaces the disturbed cadence: a failing source is not hammered every 15 s.
    expect(nextPollDelay({ errorCount: 3, snapshot: withIncident, random: () => 0 })).toBe(60_000)
  })

  it('honours Retry-After, capped at 1 h', () => {
    expect(nextPollDelay({ errorCount: 1, snapshot: null, retryAfterMs: 120_000, random: half })).toBe(120_000)
    expect(nextPollDelay({ errorCount: 1, snapshot: null, retryAfterMs: 5_000, random: () => 0 })).toBe(15_000)
    expect(nextPollDelay({ errorCount: 1, snapshot: null, retryAfterMs: 86_400_000, random: half })).toBe(MAX_RETRY_AFTER_MS)
  })

  it('never polls faster than the cache allows, capped at 15 min', () => {
    const delay = (snapshot: Snapshot, cacheMaxAgeMs: number): number =>
      nextPollDelay({ errorCount: 0, snapshot, cacheMaxAgeMs, random: half })
    // Statuspage sends max-age=10: the 15 s cadence stands.
    expect(delay(withIncident, 10_000)).toBe(15_000)
    expect(delay(withIncident, 120_000)).toBe(120_000)
    expect(delay(healthy, 120_000)).toBe(120_000)
    expect(delay(healthy, 86_400_000)).toBe(MAX_BACKOFF_MS)
  })

  it('stays sane with garbage inputs', () => {
    for (const r of [Number.NaN, -1, 2, Number.POSITIVE_INFINITY]) {
      const d = nextPollDelay({ errorCount: 2, snapshot: null, random: () => r })
      expect(d).toBeGreaterThanOrEqual(MIN_DELAY_MS)
      expect(d).toBeLessThanOrEqual(MAX_BACKOFF_MS)
    }
    expect(nextPollDelay({ errorCount: -3, snapshot: null, random: half })).toBe(60_000)
    expect(nextPollDelay({ errorCount: Number.NaN, snapshot: null, random: half })).toBe(60_000)
    expect(nextPollDelay({ errorCount: 0, snapshot: null, retryAfterMs: Number.NaN, cacheMaxAgeMs: -5, random: half })).toBe(60_000)
  })

  describe('properties', () => {
    const snapshots = fc.constantFrom<Snapshot | null>(null, healthy, degraded, withIncident, maintenance('in_progress'))
    const maybeMs = fc.option(fc.integer({ min: 0, max: 10 * 86_400_000 }), { nil: null })
    const input = fc.record({
      errorCount: fc.integer({ min: 0, max: 10_000 }),
      snapshot: snapshots,
      retryAfterMs: maybeMs,
      cacheMaxAgeMs: maybeMs,
      r: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    })

    it('every delay lies within [15 s, 15 min], or up to 1 h when Retry-After says so', () => {
      fc.assert(
        fc.property(input, ({ r, ...rest }) => {
          const delay = nextPollDelay({ ...rest, random: () => r })
          const cap = rest.retryAfterMs === null ? MAX_BACKOFF_MS : MAX_RETRY_AFTER_MS
          return Number.isInteger(delay) && delay >= MIN_DELAY_MS && delay <= cap
        }),
      )
    })

    it('never undercuts Retry-After (up to its cap) nor max-age (up to its cap)', () => {
      fc.assert(
        fc.property(input, ({ r, ...rest }) => {
          const delay = nextPollDelay({ ...rest, random: () => r })
          const retryFloor = Math.min(rest.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS)
          const cacheFloor = Math.min(rest.cacheMaxAgeMs ?? 0, MAX_BACKOFF_MS)
          return delay >= retryFloor && delay >= cacheFloor
        }),
      )
    })

    it('one more error never lowers the delay for the same jitter, nor its expectation', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
          const at = (errors: number): number => nextPollDelay({ errorCount: errors, snapshot: null, random: () => r })
          return at(n + 1) >= at(n)
        }),
      )
      // Expectation over the jitter, by quadrature: E[n+1] >= E[n], and it doubles until the cap.
      const expected = (n: number): number => {
        let sum = 0
        for (let i = 0; i < 1000; i++) sum += nextPollDelay({ errorCount: n, snapshot: null, random: () => (i + 0.5) / 1000 })
        return sum / 1000
      }
      const means = Array.from({ length: 10 }, (_, i) => expected(i + 1))
      for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThanOrEqual(means[i - 1] ?? 0)
      expect(means[0]).toBeCloseTo(0.75 * BACKOFF_BASE_MS, -1)
    })
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z')

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
  })

  it('reads an HTTP-date, relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:02:30 GMT', now)).toBe(150_000)
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0)
  })

  it('gives null for absent or unreadable values', () => {
    for (const value of [null, undefined, '', '  ', '-5', '1.5', 'soon', '12abc']) expect(parseRetryAfter(value, now)).toBeNull()
  })
})

describe('parseCacheMaxAge', () => {
  it('reads max-age among other directives, in ms', () => {
    expect(parseCacheMaxAge('max-age=10')).toBe(10_000)
    expect(parseCacheMaxAge('public, max-age=120, s-maxage=600')).toBe(120_000)
    expect(parseCacheMaxAge('Public, MAX-AGE="30"')).toBe(30_000)
  })

  it('ignores s-maxage and gives null without max-age', () => {
    for (const value of [null, undefined, '', 'no-cache', 'no-store', 's-maxage=60', 'max-age=abc', 'max-age=-1']) {
      expect(parseCacheMaxAge(value)).toBeNull()
    }
  })

  it('allows spaces around "=" and after the value, as servers write them', () => {
    expect(parseCacheMaxAge('max-age = 120 , private')).toBe(120_000)
    expect(parseCacheMaxAge('private,max-age=60 ')).toBe(60_000)
  })

  it('reads only the max-age directive itself, with a whole number of seconds', () => {
    // Another directive whose name merely ends in "max-age" is not it, nor is a malformed value half-read.
    for (const value of ['proxy-max-age=600', 'x-max-age=600', 'max-age=1.5', 'max-age=10s', 'max-age=10 20']) {
      expect(parseCacheMaxAge(value), value).toBeNull()
    }
    expect(parseCacheMaxAge('proxy-max-age=600, max-age=30')).toBe(30_000)
  })
})

describe('effectiveDueAt: stored due times after a clock jump', () => {
  const NOW = Date.UTC(2026, 10, 30, 12, 0)
  it('believes a due time set by the same clock', () => {
    expect(effectiveDueAt({ lastCheckedAt: NOW - 30_000, nextDueAt: NOW + 30_000 }, NOW)).toBe(NOW + 30_000)
    expect(effectiveDueAt({ lastCheckedAt: NOW - 60_000, nextDueAt: NOW + 60 * 60_000 }, NOW)).toBe(NOW + 60 * 60_000)
  })
  it('is due now when never polled, or with no due time', () => {
    expect(effectiveDueAt({ lastCheckedAt: null, nextDueAt: null }, NOW)).toBe(NOW)
    expect(effectiveDueAt({ lastCheckedAt: NOW, nextDueAt: Number.NaN }, NOW)).toBe(NOW)
  })
  it('is due now when the last check lies in the future (the clock went back)', () => {
    expect(effectiveDueAt({ lastCheckedAt: NOW + 3 * 3_600_000, nextDueAt: NOW + 3 * 3_600_000 + 60_000 }, NOW)).toBe(NOW)
    // A few seconds of wobble is not a jump.
    expect(effectiveDueAt({ lastCheckedAt: NOW + 2_000, nextDueAt: NOW + 62_000 }, NOW)).toBe(NOW + 62_000)
  })
  it('is due now after a jump back of minutes, though the stale due time lies within the longest interval', () => {
    // Checked "10 min from now", due 1 min after that: without the jump test it would wait 11 min.
    expect(effectiveDueAt({ lastCheckedAt: NOW + 10 * 60_000, nextDueAt: NOW + 11 * 60_000 }, NOW)).toBe(NOW)
  })
  it('tolerates exactly CLOCK_SLACK_MS of wobble, and not a millisecond more', () => {
    expect(effectiveDueAt({ lastCheckedAt: NOW + CLOCK_SLACK_MS, nextDueAt: NOW + CLOCK_SLACK_MS + 15_000 }, NOW)).toBe(NOW + CLOCK_SLACK_MS + 15_000)
    expect(effectiveDueAt({ lastCheckedAt: NOW + CLOCK_SLACK_MS + 1, nextDueAt: NOW + CLOCK_SLACK_MS + 15_001 }, NOW)).toBe(NOW)
  })
  it('is due now when the due time is further ahead than any interval (corrupt, or a clock that ran ahead)', () => {
    expect(effectiveDueAt({ lastCheckedAt: null, nextDueAt: 9e15 }, NOW)).toBe(NOW)
    expect(effectiveDueAt({ lastCheckedAt: NOW - 1_000, nextDueAt: NOW + LONGEST_INTERVAL_MS + 1 }, NOW)).toBe(NOW)
  })
  it('property: never later than the longest interval from now', () => {
    fc.assert(
      fc.property(fc.option(fc.double({ noNaN: false }), { nil: null }), fc.option(fc.double({ noNaN: false }), { nil: null }), (lastCheckedAt, nextDueAt) => {
        const due = effectiveDueAt({ lastCheckedAt, nextDueAt }, NOW)
        expect(due).toBeLessThanOrEqual(NOW + LONGEST_INTERVAL_MS)
        expect(Number.isNaN(due)).toBe(false)
      }),
    )
  })
})

describe('afterFailure: the state after a failed poll or detection', () => {
  const at = 1_000_000

  it('counts the error, keeps it and the last good snapshot, and backs the next poll off', () => {
    const before = { ...initialPageState(), snapshot: healthy, errorCount: 1, lastOkAt: 5 }
    const error = pollError('timeout', 'timed out')
    const after = afterFailure(before, error, at, () => 0)
    expect(after).toEqual({ ...before, errorCount: 2, lastError: error, lastCheckedAt: at, nextDueAt: at + BACKOFF_BASE_MS })
  })

  it('waits as long as Retry-After asks', () => {
    const after = afterFailure(initialPageState(), pollError('http', 'HTTP 503', { retryAfterMs: 10 * 60_000 }), at, () => 0)
    expect(after.nextDueAt).toBe(at + 10 * 60_000)
  })

  it('a `random` that throws still records the failure, at the longest jitter', () => {
    const after = afterFailure(initialPageState(), pollError('timeout', 'timed out'), at, () => {
      throw new Error('broken')
    })
    expect([after.errorCount, after.nextDueAt]).toEqual([1, at + BACKOFF_BASE_MS])
  })
})
