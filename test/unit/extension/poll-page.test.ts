import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext, type Context } from '../../../extension/background/context.ts'
import type { Commit } from '../../../extension/background/outbox.ts'
import { PERMISSION_RECHECK_MS, REDETECT_AFTER, visitPage, type Visit } from '../../../extension/background/poll-page.ts'
import { EMPTY_ENTRY, type PageRecord, type ScheduleEntry } from '../../../extension/storage/records.ts'
import type { QuietHours } from '../../../extension/storage/settings.ts'
import type { Detected } from '../../../src/detect.ts'
import type { MonitorEvent } from '../../../src/events.ts'
import type { Incident, Level, Platform, Snapshot } from '../../../src/model.ts'
import type { PollOutcome } from '../../../src/monitor.ts'
import { initialPageState, type PageState } from '../../../src/page-state.ts'
import { pollError, type PollError } from '../../../src/poll-error.ts'
import type { Result } from '../../../src/result.ts'
import { BACKOFF_BASE_MS } from '../../../src/schedule.ts'
import { NOTHING_OMITTED } from '../../../src/state-budget.ts'
import { testDeps, watched, type Clock } from '../../support/background-harness.ts'

// The engine and the storage are replaced: these tests are about what a visit decides from the
// engine's answer (what it commits, what it schedules, what it reports as detected).
const engine = vi.hoisted(() => ({
  poll: undefined as unknown as (state: PageState, platform: Platform) => PollOutcome,
  detect: undefined as unknown as () => Result<Detected, PollError>,
  polledWith: [] as { state: PageState; platform: Platform }[],
  commits: [] as Commit[],
  deliveries: 0,
}))

vi.mock('../../../src/monitor.ts', () => ({
  pollPage: async (input: { page: { platform: Platform }; state: PageState }) => {
    engine.polledWith.push({ state: input.state, platform: input.page.platform })
    return engine.poll(input.state, input.page.platform)
  },
}))
vi.mock('../../../src/detect.ts', () => ({ detectPlatform: async () => engine.detect() }))
vi.mock('../../../extension/background/outbox.ts', () => ({
  commitPoll: async (_ctx: Context, commit: Commit) => void engine.commits.push(commit),
  deliverOutbox: async () => void engine.deliveries++,
}))

const NOW = Date.UTC(2025, 3, 8, 12, 0) // TZ=UTC (vitest.config.ts)
const page = watched('https://status.example.com/', 'statuspage', 'Example')
const timing: ScheduleEntry = { ...EMPTY_ENTRY, lastCheckedAt: NOW - 60_000, lastOkAt: NOW - 120_000, nextDueAt: NOW, level: 'operational' }

const incident = (id: string): Incident => ({ id, name: `Incident ${id}`, status: 'investigating', impact: 'minor', url: null, startedAt: null, updates: [], componentIds: [] })
const snapshotAt = (level: Level, name = 'Example'): Snapshot => ({
  platform: 'statuspage',
  page: { name, url: 'https://status.example.com/' },
  level,
  components: [],
  groups: [],
  incidents: level === 'operational' ? [] : [incident('i1')],
  maintenances: [],
})
const opened = (id: string): MonitorEvent => ({ kind: 'incident_opened', key: `${id}:opened`, incident: incident(id), update: null })

/** What pollPage answers: a state after the poll (timing at NOW), its events and its result. */
const answer = (state: PageState, result: PollOutcome['result'], events: MonitorEvent[] = [], stateChanged = true): PollOutcome => {
  const after: PageState = { ...state, lastCheckedAt: NOW, lastOkAt: result === 'error' ? state.lastOkAt : NOW, nextDueAt: NOW + 60_000 }
  return { state: after, events, occasion: { kind: 'poll' }, backfill: [], nextDueAt: NOW + 60_000, result, stateChanged }
}

describe('visitPage: one page, one visit', () => {
  let clock: Clock
  let ctx: Context
  let pauses: number

  const visit = (over: Partial<Visit> = {}, badShapes = 0, state: PageState = { ...initialPageState(), snapshot: snapshotAt('operational') }): Visit => ({
    timing,
    stored: { state, badShapes, omitted: NOTHING_OMITTED } satisfies PageRecord,
    isGranted: async () => true,
    notifyOnRecovery: true,
    quietHours: null,
    budgetBytes: 1_000_000,
    ...over,
  })

  beforeEach(() => {
    clock = { now: NOW }
    const deps = testDeps(clock)
    pauses = 0
    ctx = createContext({ ...deps, pause: async () => void pauses++ })
    engine.polledWith = []
    engine.commits = []
    engine.deliveries = 0
    engine.detect = () => {
      throw new Error('no detection expected')
    }
  })
  afterEach(() => vi.restoreAllMocks())

  describe('a page without its host permission', () => {
    const denied = { isGranted: async () => false }

    it('says so, keeps its last times, and is looked at again in 15 minutes', async () => {
      const outcome = await visitPage(ctx, page, visit(denied))
      expect(PERMISSION_RECHECK_MS).toBe(15 * 60_000)
      expect(outcome.entry).toMatchObject({ error: 'permission', nextDueAt: NOW + PERMISSION_RECHECK_MS, lastCheckedAt: timing.lastCheckedAt, lastOkAt: timing.lastOkAt })
      expect(engine.polledWith).toEqual([])
      // Only its record is written: no notification, no history, no link.
      expect(engine.commits).toHaveLength(1)
      expect(engine.commits[0]).toMatchObject({ pageKey: page.key, notifications: [], history: [], links: [] })
      expect(engine.commits[0]?.record.state.lastError?.kind).toBe('permission')
    })

    it('writes nothing when the record already says the permission is missing', async () => {
      await visitPage(ctx, page, visit(denied))
      const stored = engine.commits[0]?.record
      if (stored === undefined) throw new Error('no record')
      engine.commits = []
      await visitPage(ctx, page, visit(denied, stored.badShapes, stored.state))
      expect(engine.commits).toEqual([])
    })
  })

  describe('platform detection', () => {
    const found = (platform: Platform, name: string): Result<Detected, PollError> => ({ ok: true, value: { platform, snapshot: snapshotAt('operational', name) } })

    it('a page added without a platform or a name gets both from what was found', async () => {
      engine.detect = () => found('incidentio', 'Found Name')
      engine.poll = (state) => answer(state, 'unchanged', [], false)
      const outcome = await visitPage(ctx, { ...page, platform: null, name: '' }, visit())
      expect(outcome.detected).toEqual({ platform: 'incidentio', name: 'Found Name' })
      expect(engine.polledWith.map((p) => p.platform)).toEqual(['incidentio'])
    })

    it(`after ${REDETECT_AFTER} bad shapes in a row the platform is looked for again; the same one found again changes nothing`, async () => {
      engine.detect = () => found('statuspage', 'Other Name')
      engine.poll = (state) => answer(state, 'unchanged', [], false)
      const outcome = await visitPage(ctx, page, visit({}, REDETECT_AFTER))
      expect(outcome.detected).toBeNull()
      // The count starts over: written with the record.
      expect(engine.commits.map((c) => c.record.badShapes)).toEqual([0])
    })

    it('the same platform found for a page without a name gives it the name found', async () => {
      engine.detect = () => found('statuspage', 'Found Name')
      engine.poll = (state) => answer(state, 'unchanged', [], false)
      const outcome = await visitPage(ctx, { ...page, name: '' }, visit({}, REDETECT_AFTER))
      expect(outcome.detected).toEqual({ platform: 'statuspage', name: 'Found Name' })
    })

    it('detection that fails is recorded like a poll error, backing off (and honouring Retry-After)', async () => {
      engine.detect = () => ({ ok: false, error: pollError('http', 'HTTP 503', { retryAfterMs: 10 * 60_000 }) })
      const state = { ...initialPageState(), errorCount: 1 }
      const outcome = await visitPage(ctx, { ...page, platform: null }, visit({}, 0, state))
      expect(engine.polledWith).toEqual([])
      expect(outcome.entry).toMatchObject({ error: 'http', lastCheckedAt: NOW, nextDueAt: NOW + 10 * 60_000 })
      expect(engine.commits).toHaveLength(1)
      expect(engine.commits[0]).toMatchObject({ pageKey: page.key, notifications: [], history: [], links: [] })
      expect(engine.commits[0]?.record).toMatchObject({ badShapes: 0, state: { errorCount: 2, lastError: { kind: 'http' } } })
    })

    it('a feed found at another address (announced by the page) is not polled under this page: the error names it', async () => {
      engine.detect = () => ({ ok: true, value: { platform: 'feed', snapshot: snapshotAt('operational'), base: new URL('https://status.example.com/feed.xml') } })
      const outcome = await visitPage(ctx, { ...page, platform: null }, visit())
      expect(engine.polledWith).toEqual([])
      expect(outcome.detected).toBeNull()
      expect(engine.commits[0]?.record.state.lastError).toEqual({
        kind: 'bad_shape',
        message: 'no longer readable here; it is read at https://status.example.com/feed.xml: add that address',
      })
    })

    it('detection that fails without Retry-After backs off by the error count', async () => {
      engine.detect = () => ({ ok: false, error: pollError('timeout', 'timed out') })
      // random() is 0.5 in the test deps: the first strike waits 3/4 of the base.
      const outcome = await visitPage(ctx, { ...page, platform: null }, visit())
      expect(outcome.entry.nextDueAt).toBe(NOW + (BACKOFF_BASE_MS * 3) / 4)
    })
  })

  describe('bad shapes in a row', () => {
    it('a bad shape counts one more, another error keeps the count, a success resets it', async () => {
      engine.poll = (state) => answer({ ...state, errorCount: state.errorCount + 1, lastError: pollError('bad_shape', 'x') }, 'error')
      await visitPage(ctx, page, visit({}, 1))
      engine.poll = (state) => answer({ ...state, errorCount: state.errorCount + 1, lastError: pollError('timeout', 'x') }, 'error')
      await visitPage(ctx, page, visit({}, 1))
      engine.poll = (state) => answer(state, 'unchanged')
      await visitPage(ctx, page, visit({}, 1))
      expect(engine.commits.map((c) => c.record.badShapes)).toEqual([2, 1, 0])
    })

    it('a reset count is written even when the state itself did not change', async () => {
      engine.poll = (state) => answer(state, 'unchanged', [], false)
      await visitPage(ctx, page, visit({}, 2))
      expect(engine.commits.map((c) => c.record.badShapes)).toEqual([0])
    })
  })

  describe('news', () => {
    const changedTo = (level: Level, events: MonitorEvent[]) => (state: PageState): PollOutcome => answer({ ...state, snapshot: snapshotAt(level) }, 'changed', events)

    it('a new incident is planned, linked to the page, and shown at once', async () => {
      engine.poll = changedTo('minor', [opened('i1')])
      await visitPage(ctx, page, visit())
      const commit = engine.commits[0]
      expect(commit?.notifications).toHaveLength(1)
      const id = commit?.notifications[0]?.id
      expect(commit?.links).toEqual([{ id, url: commit?.notifications[0]?.url, pageUrl: page.url }])
      expect(commit?.held).toEqual([])
      expect(engine.deliveries).toBe(1)
    })

    it('the notification priority follows the page level: major and critical high, minor middle, others low', async () => {
      const priorities: Record<string, number | undefined> = {}
      for (const level of ['critical', 'major', 'minor', 'maintenance', 'operational'] as const) {
        engine.commits = []
        engine.poll = changedTo(level, [opened('i1')])
        await visitPage(ctx, page, visit())
        priorities[level] = engine.commits[0]?.notifications[0]?.priority
      }
      expect(priorities).toEqual({ critical: 2, major: 2, minor: 1, maintenance: 0, operational: 0 })
    })

    it('during quiet hours the news is held, not planned nor shown', async () => {
      const quietHours: QuietHours = { enabled: true, start: '11:00', end: '13:00' }
      engine.poll = changedTo('major', [opened('i1')])
      await visitPage(ctx, page, visit({ quietHours }))
      const commit = engine.commits[0]
      expect(commit?.notifications).toEqual([])
      expect(commit?.links).toEqual([])
      expect(commit?.held?.map((h) => h.subject)).toEqual([`${page.key}|i1`])
      expect(engine.deliveries).toBe(0)
    })

    it('a poll without news shows nothing (no outbox round trip per page)', async () => {
      engine.poll = (state) => answer({ ...state, etag: 'new' }, 'unchanged')
      await visitPage(ctx, page, visit())
      expect(engine.commits).toHaveLength(1)
      expect(engine.deliveries).toBe(0)
    })

    it('only a changed page yields to waiting messages before its heavy planning', async () => {
      engine.poll = (state) => answer({ ...state, errorCount: 1, lastError: pollError('timeout', 'x') }, 'error')
      await visitPage(ctx, page, visit())
      expect(pauses).toBe(0)
      engine.poll = changedTo('minor', [opened('i1')])
      await visitPage(ctx, page, visit())
      expect(pauses).toBe(1)
    })
  })
})
