import { describe, expect, it } from 'vitest'
import { describeError, failedEntry } from '../../../extension/background/page-failure.ts'
import { StorageFull } from '../../../extension/storage/room.ts'
import { EMPTY_ENTRY, type ScheduleEntry } from '../../../extension/storage/records.ts'
import { BACKOFF_BASE_MS } from '../../../src/schedule.ts'

const NOW = 1_700_000_000_000
const lowest = (): number => 0

/** A calm page that was fine until now. */
const healthy: ScheduleEntry = { ...EMPTY_ENTRY, lastCheckedAt: NOW - 60_000, lastOkAt: NOW - 60_000, nextDueAt: NOW, level: 'operational', incidents: 0, calm: true }

describe('failedEntry: a visit that threw fails its page alone', () => {
  it('records the check, counts a strike and says the page could not be checked', () => {
    const entry = failedEntry(healthy, new Error('a bug'), NOW, lowest)
    expect(entry).toEqual({
      ...healthy,
      lastCheckedAt: NOW,
      // The first strike waits half the base backoff at the lowest jitter, like a poll error.
      nextDueAt: NOW + BACKOFF_BASE_MS / 2,
      error: 'internal',
      // Not calm: the popup must list it with its error, not among the calm pages.
      calm: false,
      strikes: 1,
    })
  })

  it('backs off further with each strike in a row', () => {
    const second = failedEntry({ ...healthy, strikes: 1 }, new Error('a bug'), NOW, lowest)
    const third = failedEntry(second, new Error('a bug'), NOW, lowest)
    expect(second.strikes).toBe(2)
    expect(second.nextDueAt).toBe(NOW + BACKOFF_BASE_MS)
    expect(third.strikes).toBe(3)
    expect(third.nextDueAt).toBe(NOW + 2 * BACKOFF_BASE_MS)
  })

  it('keeps what the last good poll found (level, incidents, last success)', () => {
    const down: ScheduleEntry = { ...healthy, level: 'major', incidents: 2, calm: false }
    const entry = failedEntry(down, new Error('x'), NOW, lowest)
    expect([entry.level, entry.incidents, entry.lastOkAt]).toEqual(['major', 2, NOW - 60_000])
  })

  it('a storage quota refusal is told apart from other failures', () => {
    expect(failedEntry(healthy, new StorageFull(), NOW, lowest).error).toBe('storage')
    expect(failedEntry(healthy, new Error('QUOTA_BYTES quota exceeded'), NOW, lowest).error).toBe('storage')
    expect(failedEntry(healthy, new TypeError('x is undefined'), NOW, lowest).error).toBe('internal')
  })
})

describe('describeError', () => {
  it('gives an Error its message and anything else its string', () => {
    expect(describeError(new Error('refused'))).toBe('refused')
    expect(describeError('plain')).toBe('plain')
    expect(describeError(42)).toBe('42')
  })
})
