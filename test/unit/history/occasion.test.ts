import { describe, expect, it } from 'vitest'
import { AWAY_AFTER_MS, occasionOf } from '../../../src/history/occasion.ts'
import { EMPTY_SEEN_STATE } from '../../../src/seen-state.ts'

const T = 1_780_000_000_000
const MIN = 60_000

/** A page last answered at `lastOkAt`, last asked at `lastCheckedAt`, due again at `nextDueAt`. */
const state = (lastOkAt: number | null, lastCheckedAt: number | null, nextDueAt: number | null) => ({
  seen: EMPTY_SEEN_STATE,
  lastOkAt,
  lastCheckedAt,
  nextDueAt,
})

describe('occasionOf', () => {
  it('a page never seen is a first sight, whatever its times say', () => {
    expect(occasionOf({ seen: null, lastOkAt: null, lastCheckedAt: null, nextDueAt: null }, T)).toEqual({ kind: 'first_sight' })
    expect(occasionOf({ seen: null, lastOkAt: T - 60 * MIN, lastCheckedAt: T - 60 * MIN, nextDueAt: T - 59 * MIN }, T)).toEqual({ kind: 'first_sight' })
  })

  it('an answer under 10 minutes ago makes an ordinary poll', () => {
    expect(occasionOf(state(T - 60_000, T - 60_000, T), T)).toEqual({ kind: 'poll' })
    expect(occasionOf(state(T - AWAY_AFTER_MS + 1, T - AWAY_AFTER_MS + 1, T), T)).toEqual({ kind: 'poll' })
  })

  it('no answer stored yet (seen but never ok) is an ordinary poll', () => {
    expect(occasionOf(state(null, T - 60 * MIN, T - 60 * MIN), T)).toEqual({ kind: 'poll' })
  })

  it('a poll long overdue is a catch-up "away" since the last answer', () => {
    const lastOkAt = T - 6 * 60 * MIN
    expect(occasionOf(state(lastOkAt, lastOkAt, lastOkAt + MIN), T)).toEqual({ kind: 'catch_up', since: lastOkAt, why: 'away' })
    // Exactly 10 minutes since the answer, and the poll 10 minutes late: away.
    const edge = T - AWAY_AFTER_MS
    expect(occasionOf(state(edge, edge, edge), T)).toEqual({ kind: 'catch_up', since: edge, why: 'away' })
  })

  it('failed tries after the last answer and this poll on time: unreachable', () => {
    const lastOkAt = T - 60 * MIN
    expect(occasionOf(state(lastOkAt, T - 5 * MIN, T - MIN), T)).toEqual({ kind: 'catch_up', since: lastOkAt, why: 'unreachable' })
    expect(occasionOf(state(lastOkAt, T - 5 * MIN, T - AWAY_AFTER_MS + 1), T)).toEqual({ kind: 'catch_up', since: lastOkAt, why: 'unreachable' })
  })

  it('failed tries but this poll itself long overdue: away (nobody was asking at the end)', () => {
    const lastOkAt = T - 6 * 60 * MIN
    expect(occasionOf(state(lastOkAt, T - 5 * 60 * MIN, T - AWAY_AFTER_MS), T)).toEqual({ kind: 'catch_up', since: lastOkAt, why: 'away' })
  })

  it('no failed try since the answer, even on time: away', () => {
    const lastOkAt = T - 60 * MIN
    expect(occasionOf(state(lastOkAt, lastOkAt, T), T)).toEqual({ kind: 'catch_up', since: lastOkAt, why: 'away' })
    expect(occasionOf(state(lastOkAt, null, T), T)).toEqual({ kind: 'catch_up', since: lastOkAt, why: 'away' })
  })

  it('a clock set back (now before the last answer) is an ordinary poll', () => {
    expect(occasionOf(state(T + 6 * 60 * MIN, T + 6 * 60 * MIN, T + 6 * 60 * MIN), T)).toEqual({ kind: 'poll' })
  })
})
