import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext, type Context } from '../../../extension/background/context.ts'
import type { CycleOptions, CycleResult } from '../../../extension/background/poll-cycle.ts'
import { readProblem } from '../../../extension/background/problem.ts'
import { KEEP_ALIVE_BUDGET_MS, KEEP_ALIVE_MAX_WAIT_MS, wakeAndPoll } from '../../../extension/background/wake.ts'
import { EMPTY_ENTRY } from '../../../extension/storage/records.ts'
import { HEALTHY_INTERVAL_MS } from '../../../src/schedule.ts'
import { alarmTime, resetBrowser, testDeps, type Clock } from '../../support/background-harness.ts'

// The cycle itself is replaced: these tests are about what a wake-up does around its cycles.
const cycles = vi.hoisted(() => ({ run: (): Promise<CycleResult> => Promise.reject(new Error('no cycle scripted')) }))

vi.mock('../../../extension/background/poll-cycle.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../extension/background/poll-cycle.ts')>()),
  runCycle: (_ctx: Context, _options: CycleOptions) => cycles.run(),
}))

const T0 = Date.UTC(2025, 3, 8, 12, 0)

describe('wakeAndPoll: the cycles of one wake-up', () => {
  let clock: Clock
  /** When each cycle ran (virtual time). */
  let ranAt: number[]

  /** Every cycle polls one page and says the next poll is `next(now)` (null: no page watched). */
  const script = (next: (now: number) => number | null): void => {
    cycles.run = async () => {
      ranAt.push(clock.now)
      return { polled: 1, nextDueAt: next(clock.now), failed: [], schedule: { pages: {} } }
    }
  }
  const context = (maxExtraCycles: number): Context => createContext(testDeps(clock, { maxExtraCycles }))

  beforeEach(() => {
    resetBrowser()
    clock = { now: T0 }
    ranAt = []
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => vi.restoreAllMocks())

  it('a check now (no keep-alive) runs one cycle even when the next poll is 15 s away', async () => {
    script((now) => now + 15_000)
    expect(await wakeAndPoll(context(2), { force: 'all', keepAlive: false })).toBe(1)
    expect(ranAt).toEqual([T0])
  })

  it('a disturbed page is polled every 15 s in-process, for the allowed number of extra cycles only', async () => {
    script((now) => now + 15_000)
    await wakeAndPoll(context(2))
    expect(ranAt).toEqual([T0, T0 + 15_000, T0 + 30_000])
  })

  it('waits in-process for a poll due exactly the longest wait away', async () => {
    let first = true
    script((now) => {
      const next = first ? now + KEEP_ALIVE_MAX_WAIT_MS : null
      first = false
      return next
    })
    await wakeAndPoll(context(2))
    expect(ranAt).toEqual([T0, T0 + KEEP_ALIVE_MAX_WAIT_MS])
  })

  it('keeps polling up to a poll due right at the end of the budget, and leaves any later one to the alarm', async () => {
    script((now) => now + 20_000)
    await wakeAndPoll(context(10))
    // The cycle at +60 s is within the budget; the one it plans at +80 s is not.
    expect(ranAt).toEqual([T0, T0 + 20_000, T0 + 40_000, T0 + KEEP_ALIVE_BUDGET_MS])
  })

  it('no page watched: one cycle, no alarm', async () => {
    script(() => null)
    await wakeAndPoll(context(2))
    expect(ranAt).toEqual([T0])
    expect(await alarmTime()).toBeNull()
  })

  it('a cycle that throws is reported as a monitoring problem and retried by the alarm a minute later, not at once', async () => {
    cycles.run = async () => {
      ranAt.push(clock.now)
      throw new Error('settings unreadable')
    }
    expect(await wakeAndPoll(context(2))).toBe(0)
    expect(ranAt).toEqual([T0])
    expect(await alarmTime()).toBe(T0 + HEALTHY_INTERVAL_MS)
    expect(await readProblem()).toEqual({ since: T0, reason: 'Checking stopped with an error: settings unreadable. It is retried every minute.' })
  })

  it('a cycle in which a page failed is reported with that page, not as a failed cycle', async () => {
    cycles.run = async () => ({
      polled: 1,
      nextDueAt: T0 + HEALTHY_INTERVAL_MS,
      failed: [{ key: 'a.example', reason: 'a bug' }],
      schedule: { pages: { 'a.example': { ...EMPTY_ENTRY, error: 'internal', strikes: 1 } } },
    })
    await wakeAndPoll(context(0))
    expect(await readProblem()).toEqual({ since: T0, reason: '1 page could not be checked (a bug). They are retried with a growing delay.' })
  })

  it('a step that fails (the alarm refused) is reported in the console and the wake-up goes on', async () => {
    script((now) => now + HEALTHY_INTERVAL_MS)
    vi.spyOn(fakeBrowser.alarms, 'create').mockRejectedValue(new Error('refused'))
    const setBadge = vi.spyOn(fakeBrowser.action, 'setTitle')
    await wakeAndPoll(context(0))
    expect(console.error).toHaveBeenCalledTimes(1)
    expect(setBadge).toHaveBeenCalled()
  })
})
