import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { problemAfter, readProblem, writeProblem } from '../../../extension/background/problem.ts'
import type { CycleResult } from '../../../extension/background/poll-cycle.ts'
import { EMPTY_ENTRY, PROBLEM, type Schedule, type ScheduleEntry } from '../../../extension/storage/records.ts'


const NOW = 1_700_000_000_000

const scheduleOf = (...errors: ScheduleEntry['error'][]): Schedule => ({
  pages: Object.fromEntries(errors.map((error, i) => [`page-${i}`, { ...EMPTY_ENTRY, error }])),
})

const cycleOf = (schedule: Schedule, failed: CycleResult['failed'] = []): { cycle: CycleResult } => ({
  cycle: { polled: Object.keys(schedule.pages).length, nextDueAt: NOW + 60_000, failed, schedule },
})

describe('problemAfter: what the popup and the badge say about monitoring itself', () => {
  it('a cycle that threw says so with the error, and that it is retried every minute', () => {
    const problem = problemAfter({ error: new Error('settings unreadable') }, null, null, NOW)
    expect(problem).toEqual({ since: NOW, reason: 'Checking stopped with an error: settings unreadable. It is retried every minute.' })
  })

  it('a thrown value that is not an Error is still named', () => {
    expect(problemAfter({ error: 'boom' }, null, null, NOW)?.reason).toBe('Checking stopped with an error: boom. It is retried every minute.')
  })

  it('a problem that goes on keeps the time it started, so the popup can say for how long', () => {
    const previous = { since: NOW - 300_000, reason: 'older words' }
    expect(problemAfter({ error: new Error('x') }, null, previous, NOW)?.since).toBe(NOW - 300_000)
    expect(problemAfter(cycleOf(scheduleOf('internal')), scheduleOf('internal'), previous, NOW)?.since).toBe(NOW - 300_000)
  })

  it('a page that is down, or a cycle with nothing wrong, is no problem of monitoring', () => {
    const schedule = scheduleOf(null, 'http', 'timeout', 'bad_shape')
    expect(problemAfter(cycleOf(schedule), schedule, { since: NOW - 1, reason: 'gone' }, NOW)).toBeNull()
    expect(problemAfter(cycleOf({ pages: {} }), { pages: {} }, null, NOW)).toBeNull()
    // No schedule at all (nothing was written): nothing to report either.
    expect(problemAfter(cycleOf({ pages: {} }), null, null, NOW)).toBeNull()
  })

  it('one page whose state could not be saved: storage is full, in the singular', () => {
    const schedule = scheduleOf(null, 'storage')
    expect(problemAfter(cycleOf(schedule), schedule, null, NOW)).toEqual({
      since: NOW,
      reason: "The extension's storage is full: the newest state of 1 page could not be saved. Older history is being trimmed to make room.",
    })
  })

  it('several pages that could not be saved are counted, in the plural', () => {
    const schedule = scheduleOf('storage', 'storage', null)
    expect(problemAfter(cycleOf(schedule), schedule, null, NOW)?.reason).toBe(
      "The extension's storage is full: the newest state of 2 pages could not be saved. Older history is being trimmed to make room.",
    )
  })

  it('full storage is said before pages that failed otherwise (making room is what helps)', () => {
    const schedule = scheduleOf('internal', 'storage')
    expect(problemAfter(cycleOf(schedule, [{ key: 'page-0', reason: 'a bug' }]), schedule, null, NOW)?.reason).toMatch(/^The extension's storage is full: the newest state of 1 page could/)
  })

  it('one page whose visit failed: named with the first failure, in the singular', () => {
    const schedule = scheduleOf('internal', null)
    expect(problemAfter(cycleOf(schedule, [{ key: 'page-0', reason: 'notifications.create refused' }]), schedule, null, NOW)).toEqual({
      since: NOW,
      reason: '1 page could not be checked (notifications.create refused). They are retried with a growing delay.',
    })
  })

  it('pages still failing from an earlier cycle (none failed this one) are counted without a reason', () => {
    const schedule = scheduleOf('internal', 'internal', 'internal')
    expect(problemAfter(cycleOf(schedule, []), schedule, null, NOW)?.reason).toBe('3 pages could not be checked. They are retried with a growing delay.')
  })
})

describe('writeProblem: the problem as stored for the popup', () => {
  beforeEach(() => fakeBrowser.reset())
  afterEach(() => vi.restoreAllMocks())

  it('stores a new problem and clears it once it is over', async () => {
    const problem = { since: NOW, reason: 'something' }
    await writeProblem(problem)
    expect(await readProblem()).toEqual(problem)
    await writeProblem(null)
    expect(await readProblem()).toBeNull()
    // Cleared, not stored as an empty value: the popup's storage listener sees it go.
    expect(await fakeBrowser.storage.session.get(PROBLEM.key)).toEqual({})
  })

  it('the same problem again is not written again (each write wakes every open popup)', async () => {
    const problem = { since: NOW, reason: 'something' }
    await writeProblem(problem)
    const set = vi.spyOn(fakeBrowser.storage.session, 'set')
    const remove = vi.spyOn(fakeBrowser.storage.session, 'remove')
    await writeProblem({ ...problem })
    await writeProblem(null)
    await writeProblem(null)
    expect(set).not.toHaveBeenCalled()
    expect(remove).toHaveBeenCalledTimes(1)
  })

  it('never throws: a session storage that refuses is reported in the console', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(new Error('refused'))
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(writeProblem({ since: NOW, reason: 'x' })).resolves.toBeUndefined()
    expect(error).toHaveBeenCalledTimes(1)
  })

  it('a browser without storage.session (Firefox before 115) is skipped quietly', async () => {
    const storage = fakeBrowser.storage as { session?: unknown }
    const session = storage.session
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    delete storage.session
    try {
      await expect(writeProblem({ since: NOW, reason: 'x' })).resolves.toBeUndefined()
      expect(error).not.toHaveBeenCalled()
    } finally {
      storage.session = session
    }
  })
})
