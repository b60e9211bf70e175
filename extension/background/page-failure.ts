import { nextPollDelay } from '../../src/schedule.ts'
import { isQuotaError } from '../storage/room.ts'
import type { ScheduleEntry } from '../storage/records.ts'

/** A visit that threw fails that page alone, backed off like a poll error; the cycle goes on. */
export function failedEntry(timing: ScheduleEntry, error: unknown, now: number, random: () => number): ScheduleEntry {
  const strikes = timing.strikes + 1
  return {
    ...timing,
    lastCheckedAt: now,
    nextDueAt: now + nextPollDelay({ errorCount: strikes, snapshot: null, random }),
    error: isQuotaError(error) ? 'storage' : 'internal',
    calm: false,
    strikes,
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
