import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext, type Context } from '../../../extension/background/context.ts'
import { DUE_SLACK_MS, earliestDue, runCycle } from '../../../extension/background/poll-cycle.ts'
import type { Visit, VisitOutcome } from '../../../extension/background/poll-page.ts'
import { encodeItem } from '../../../extension/storage/item.ts'
import { EMPTY_ENTRY, PAGE_RECORD, SCHEDULE, pageStorageKey, type Schedule, type ScheduleEntry } from '../../../extension/storage/records.ts'
import { readSettings } from '../../../extension/storage/store.ts'
import type { Settings, WatchedPage } from '../../../extension/storage/settings.ts'
import { initialPageState } from '../../../src/page-state.ts'
import { NOTHING_OMITTED } from '../../../src/state-budget.ts'
import { calls, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'

// The visit is replaced: these tests are about what a cycle does around its pages' visits.
const visits = vi.hoisted(() => ({
  visit: undefined as unknown as (page: WatchedPage, visit: Visit) => Promise<VisitOutcome>,
  seen: [] as { key: string; badShapes: number }[],
}))

vi.mock('../../../extension/background/poll-page.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../extension/background/poll-page.ts')>()),
  visitPage: async (_ctx: Context, page: WatchedPage, visit: Visit) => {
    visits.seen.push({ key: page.key, badShapes: visit.stored.badShapes })
    return visits.visit(page, visit)
  },
}))

const NOW = Date.UTC(2025, 3, 8, 12, 0)
const polledEntry: ScheduleEntry = { ...EMPTY_ENTRY, lastCheckedAt: NOW, lastOkAt: NOW, nextDueAt: NOW + 60_000, level: 'operational', calm: true }
const fine = async (): Promise<VisitOutcome> => ({ entry: polledEntry, detected: null })

const a = watched('https://a.example/', 'statuspage', 'A')
const b = watched('https://b.example/', 'statuspage', 'B')
const c = watched('https://c.example/', 'statuspage', 'C')

describe('runCycle: every due page visited, then one schedule write', () => {
  let clock: Clock
  let ctx: Context

  const storeSchedule = async (pages: Schedule['pages']): Promise<void> => {
    await fakeBrowser.storage.local.set({ [SCHEDULE.key]: encodeItem(SCHEDULE, { pages }) })
  }
  const dueAt = (nextDueAt: number): ScheduleEntry => ({ ...polledEntry, lastCheckedAt: NOW - 60_000, nextDueAt })

  beforeEach(() => {
    resetBrowser()
    clock = { now: NOW }
    ctx = createContext(testDeps(clock))
    visits.seen = []
    visits.visit = fine
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => vi.restoreAllMocks())

  it(`a page due within ${DUE_SLACK_MS} ms is polled now with the others, one due later is not`, async () => {
    await storeSettings([a, b])
    await storeSchedule({ [a.key]: dueAt(NOW + DUE_SLACK_MS), [b.key]: dueAt(NOW + DUE_SLACK_MS + 1) })
    const result = await runCycle(ctx)
    expect(visits.seen.map((v) => v.key)).toEqual([a.key])
    expect(result.polled).toBe(1)
  })

  it('each visit gets its stored record, the records of the due pages read in one storage call', async () => {
    await storeSettings([a, b, c])
    await fakeBrowser.storage.local.set(
      Object.fromEntries([a, b, c].map((page, i) => [pageStorageKey(page.key), encodeItem(PAGE_RECORD, { state: initialPageState(), badShapes: i + 1, omitted: NOTHING_OMITTED })])),
    )
    const get = vi.spyOn(fakeBrowser.storage.local, 'get')
    await runCycle(ctx)
    expect(visits.seen).toEqual([
      { key: a.key, badShapes: 1 },
      { key: b.key, badShapes: 2 },
      { key: c.key, badShapes: 3 },
    ])
    const recordReads = get.mock.calls.filter(([keys]) => JSON.stringify(keys).includes(pageStorageKey('')))
    expect(recordReads).toHaveLength(1)
  })

  it('a cycle whose visits all went well reports no failure', async () => {
    await storeSettings([a])
    expect((await runCycle(ctx)).failed).toEqual([])
  })

  it('a visit that throws fails its page alone: recorded, backed off, reported; the others are polled', async () => {
    await storeSettings([a, b])
    visits.visit = async (page) => {
      if (page.key === a.key) throw new Error('notifications.create refused')
      return fine()
    }
    const result = await runCycle(ctx)
    expect(result.failed).toEqual([{ key: a.key, reason: 'notifications.create refused' }])
    expect(result.schedule.pages[a.key]).toMatchObject({ error: 'internal', strikes: 1, lastCheckedAt: NOW })
    expect(result.schedule.pages[b.key]).toEqual(polledEntry)
  })

  describe('platforms found by the visits', () => {
    const settingsNow = async (): Promise<Settings> => readSettings()

    it('are saved for the pages that found one; the other pages stay as they are', async () => {
      const unknown = { ...a, platform: null, name: '' }
      await storeSettings([unknown, b])
      visits.visit = async (page) => (page.key === unknown.key ? { entry: polledEntry, detected: { platform: 'incidentio', name: 'Found A' } } : fine())
      await runCycle(ctx)
      expect((await settingsNow()).pages.map((p) => [p.key, p.platform, p.name])).toEqual([
        [a.key, 'incidentio', 'Found A'],
        [b.key, 'statuspage', 'B'],
      ])
    })

    it("a page the user named keeps its name; an unnamed one on the same platform gets the name found", async () => {
      const unnamed = { ...c, name: '' }
      await storeSettings([a, unnamed])
      visits.visit = async (page) => ({ entry: polledEntry, detected: { platform: page.key === a.key ? 'incidentio' : 'statuspage', name: 'Found' } })
      await runCycle(ctx)
      expect((await settingsNow()).pages.map((p) => [p.key, p.platform, p.name])).toEqual([
        [a.key, 'incidentio', 'A'],
        [c.key, 'statuspage', 'Found'],
      ])
    })

    it('a platform already saved meanwhile (same platform, a name) costs no sync write', async () => {
      await storeSettings([a])
      calls.syncSets.length = 0
      visits.visit = async () => ({ entry: polledEntry, detected: { platform: 'statuspage', name: 'Found' } })
      await runCycle(ctx)
      expect(calls.syncSets).toEqual([])
    })

    it('a settings write that fails is logged, and the cycle still ends with its schedule', async () => {
      await storeSettings([{ ...a, platform: null }])
      vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'))
      visits.visit = async () => ({ entry: polledEntry, detected: { platform: 'statuspage', name: 'Found' } })
      const result = await runCycle(ctx)
      expect(console.warn).toHaveBeenCalledTimes(1)
      expect(result.schedule.pages[a.key]).toEqual(polledEntry)
    })
  })

  it('a page removed while the cycle ran leaves no record behind', async () => {
    await storeSettings([a])
    await storeSchedule({ [a.key]: dueAt(NOW), [b.key]: dueAt(NOW + 600_000) })
    await fakeBrowser.storage.local.set({ [pageStorageKey(b.key)]: encodeItem(PAGE_RECORD, { state: initialPageState(), badShapes: 0, omitted: NOTHING_OMITTED }) })
    const result = await runCycle(ctx)
    expect(Object.keys(result.schedule.pages)).toEqual([a.key])
    expect(await fakeBrowser.storage.local.get(pageStorageKey(b.key))).toEqual({})
  })
})

describe('earliestDue', () => {
  const settings = (pages: WatchedPage[]): Settings => ({ version: 1, pages, notifyOnRecovery: true })

  it('is the soonest next poll of all pages, whatever their order; null with no page', () => {
    const schedule: Schedule = { pages: { [a.key]: { ...polledEntry, nextDueAt: NOW + 60_000 }, [b.key]: { ...polledEntry, nextDueAt: NOW + 15_000 }, [c.key]: { ...polledEntry, nextDueAt: NOW + 30_000 } } }
    expect(earliestDue(settings([a, b, c]), schedule, NOW)).toBe(NOW + 15_000)
    expect(earliestDue(settings([]), schedule, NOW)).toBeNull()
  })
})
