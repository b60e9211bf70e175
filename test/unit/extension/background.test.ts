import { fakeBrowser } from '@webext-core/fake-browser'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { CHAT_ID, INCIDENT_ID, openAiOutageTimeline, type TimelineStep } from '../../../scripts/harness/timelines/openai-outage.ts'
import { sendMessage } from '../../../extension/messaging/client.ts'
import type { PageRecord } from '../../../extension/storage/records.ts'
import {
  alarmTime,
  bootWorker,
  calls,
  fireAlarm,
  granted,
  install,
  permissions,
  resetBrowser,
  storeSettings,
  testDeps,
  watched,
  type Clock,
  type TestDeps,
} from '../../support/background-harness.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'


const PROXY = '/proxy/127.0.0.1'
const SUMMARY = '/api/v2/summary.json'
const SECOND = 1_000
const MINUTE = 60 * SECOND

describe('the background service worker', () => {
  let openai: StatusServer
  let other: StatusServer
  let steps: TimelineStep[]
  let clock: Clock
  let deps: TestDeps

  const serve = (name: TimelineStep['name']): void => {
    const step = steps.find((s) => s.name === name)
    if (!step) throw new Error(name)
    openai.set(PROXY, json(step.body))
  }
  const openaiPage = (): ReturnType<typeof watched> => watched(openai.origin, 'incidentio', 'OpenAI')
  const otherPage = (): ReturnType<typeof watched> => watched(other.origin, 'statuspage', 'CodaMetrix')
  const record = async (key: string): Promise<PageRecord> => (await fakeBrowser.storage.local.get(`page:${key}`))[`page:${key}`] as PageRecord
  const local = async (key: string): Promise<unknown> => (await fakeBrowser.storage.local.get(key))[key]
  const boot = async (options: Parameters<typeof testDeps>[1] = {}): Promise<void> => {
    deps = await bootWorker(testDeps(clock, { timeoutMs: 2 * SECOND, ...options }))
  }

  beforeAll(async () => {
    steps = openAiOutageTimeline(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    openai = await startStatusServer()
    other = await startStatusServer()
  })
  afterAll(async () => {
    await openai.close()
    await other.close()
  })
  beforeEach(() => {
    resetBrowser()
    openai.clear()
    other.clear()
    other.set(SUMMARY, json(sampleText('statuspage/codametrix-summary-2026-08-02.json')))
    clock = { now: Date.UTC(2025, 3, 8, 17, 0) }
    granted.add('http://127.0.0.1/*')
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  describe('storage writes', () => {
    it('a 304 poll writes no page state, only the one schedule record', async () => {
      serve('opened')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      const written = new Set(calls.localSets.flatMap((items) => Object.keys(items)))
      expect([...written]).toEqual(expect.arrayContaining([`page:${openaiPage().key}`, 'schedule', 'outbox', 'history', 'links']))
      calls.localSets.length = 0
      calls.syncSets.length = 0
      const requests = openai.requests.length
      await fireAlarm(clock, clock.now + 15 * SECOND)
      expect(openai.requests.slice(requests).map((r) => r.status)).toEqual([304])
      expect(calls.localSets.map((items) => Object.keys(items))).toEqual([['schedule']])
      expect(calls.syncSets).toEqual([])
    })

    it('a cycle with nothing due writes nothing at all', async () => {
      serve('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      calls.localSets.length = 0
      await fireAlarm(clock, clock.now + 10 * SECOND)
      expect(calls.localSets).toEqual([])
    })
  })

  describe('removing a page while it is being polled', () => {
    it('leaves no state behind, even what the poll commits after the removal', async () => {
      serve('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      openai.set(PROXY, { kind: 'hang' })
      const requests = openai.requests.length
      const polling = fireAlarm(clock, clock.now + MINUTE)
      await vi.waitFor(() => expect(openai.requests.length).toBeGreaterThan(requests))
      expect(await sendMessage('removePage', { pageKey: openaiPage().key })).toMatchObject({ ok: true })
      await polling
      const stored = await fakeBrowser.storage.local.get(null)
      expect(Object.keys(stored).filter((key) => key.startsWith('page:'))).toEqual([])
      expect(stored.schedule).toEqual({ version: 1, pages: {} })
    })
  })

  describe('the schedule entry the popup lists calm pages from', () => {
    it('a calm page that breaks leaves the calm list in the same write as its notification', async () => {
      serve('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      const entryOf = async (): Promise<{ k?: 1; e?: string } | undefined> =>
        ((await local('schedule')) as { pages: Record<string, { k?: 1; e?: string }> }).pages[openaiPage().key]
      expect((await entryOf())?.k).toBe(1)

      // The worker dies right after the page's commit, before the cycle's schedule write.
      serve('opened')
      deps.killAt(2)
      await fireAlarm(clock, clock.now + MINUTE)
      expect(deps.steps.slice(-2)).toEqual([`polled:${openaiPage().key}`, `committed:${openaiPage().key}`])
      expect((await entryOf())?.k).toBeUndefined()
    })

    it('a poll that changes nothing adds no schedule to the page commit', async () => {
      serve('opened')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      serve('updated')
      calls.localSets.length = 0
      await fireAlarm(clock, clock.now + 15 * SECOND)
      // The update's commit (page, outbox, history, links), then the outbox cleared, then the cycle's one schedule write.
      const commit = calls.localSets.find((items) => `page:${openaiPage().key}` in items)
      expect(commit && 'schedule' in commit).toBe(false)
    })
  })

  describe('the alarm', () => {
    it('is one alarm, for the earliest due page', async () => {
      serve('opened') // disturbed: every 15 s
      await storeSettings([openaiPage(), otherPage()]) // healthy: every 60 s
      await boot()
      await install()
      expect(await fakeBrowser.alarms.getAll()).toHaveLength(1)
      expect(await alarmTime()).toBe(clock.now + 15 * SECOND)
      const schedule = (await local('schedule')) as { pages: Record<string, { d: number; k?: 1 }> }
      expect(schedule.pages[otherPage().key]?.d).toBe(clock.now + MINUTE)
      // Calm (the popup lists it from the schedule alone) only when nothing is wrong on the page.
      expect(schedule.pages[otherPage().key]?.k).toBe(1)
      expect(schedule.pages[openaiPage().key]?.k).toBeUndefined()
    })

    it('is re-armed on install, update, browser start, and by any wake-up that finds it missing', async () => {
      serve('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      expect(await alarmTime()).toBe(clock.now + MINUTE)

      await install('update') // Chrome clears alarms on update
      expect(await alarmTime()).toBe(clock.now + MINUTE)

      await fakeBrowser.alarms.clearAll()
      await fakeBrowser.runtime.onStartup.trigger()
      expect(await alarmTime()).toBe(clock.now + MINUTE)

      await fakeBrowser.alarms.clearAll()
      const reply = await sendMessage('getState', {})
      expect(reply.ok).toBe(true)
      await vi.waitFor(async () => expect(await alarmTime()).toBe(clock.now + MINUTE))
    })

    it('polls a disturbed page every 15 s although Chrome fires alarms at most every 30 s', async () => {
      // Chrome's floor for packed extensions: an alarm fires no sooner than 30 s after it is set.
      const create = fakeBrowser.alarms.create.bind(fakeBrowser.alarms)
      vi.spyOn(fakeBrowser.alarms, 'create').mockImplementation((name: string, info: { when?: number }) =>
        create(name, { when: Math.max(info.when ?? 0, clock.now + 30 * SECOND) }),
      )
      serve('opened')
      await storeSettings([openaiPage()])
      await boot({ maxExtraCycles: 2 })
      const start = clock.now
      await install()
      // Each wake-up: the alarm that woke it fires when its time comes, after the previous one.
      for (let wake = 0; wake < 8; wake++) {
        const at = await alarmTime()
        if (at === null) throw new Error('no alarm')
        await fireAlarm(clock, at)
      }
      const polls = deps.fetched.filter((f) => f.url.endsWith(PROXY)).map((f) => f.at - start)
      expect(polls.length).toBeGreaterThanOrEqual(16)
      expect(polls.slice(1).map((at, i) => at - (polls[i] ?? 0))).toEqual(polls.slice(1).map(() => 15 * SECOND))

      // All well again: 60 s polls, and no waiting in-process.
      serve('healthy')
      for (let wake = 0; wake < 2; wake++) await fireAlarm(clock, (await alarmTime()) ?? 0)
      const healthyFrom = deps.fetched.length
      const sleep = vi.spyOn(deps, 'sleep')
      for (let wake = 0; wake < 4; wake++) await fireAlarm(clock, (await alarmTime()) ?? 0)
      const healthy = deps.fetched.slice(healthyFrom - 1).map((f) => f.at)
      expect(healthy.length).toBeGreaterThanOrEqual(4)
      expect(healthy.slice(1).map((at, i) => at - (healthy[i] ?? 0))).toEqual(healthy.slice(1).map(() => MINUTE))
      expect(sleep).not.toHaveBeenCalled()
    })
  })

  describe('offline', () => {
    it('is one offline state, with no notification, and nothing is announced when the network returns', async () => {
      serve('opened')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      // First sight: one summary of the incident and its component, not one notification each.
      expect(calls.created).toEqual([expect.stringMatching(/\|\*first:2:/)])
      const port = openai.port
      await openai.close()

      await fireAlarm(clock, clock.now + MINUTE)
      const since = clock.now
      expect(await local('meta')).toEqual({ version: 1, offline: true, since })
      expect(await fakeBrowser.action.getBadgeText({})).toBe('off')
      const reply = await sendMessage('getState', {})
      if (!reply.ok) throw new Error(reply.message)
      expect(reply.state.offline).toEqual({ offline: true, since })
      // The page keeps its last good snapshot, and no per-page "unreachable" while offline.
      expect(reply.state.pages[0]).toMatchObject({ lastError: null, level: 'minor' })
      expect((await record(openaiPage().key)).state.lastError?.kind).toBe('network')

      await fireAlarm(clock, clock.now + 20 * MINUTE)
      expect(await local('meta')).toEqual({ version: 1, offline: true, since })
      expect(calls.created).toHaveLength(1)

      openai = await startStatusServer({ port })
      serve('opened')
      await fireAlarm(clock, clock.now + 20 * MINUTE)
      expect(await local('meta')).toEqual({ version: 1, offline: false, since: null })
      // Back after 40 minutes: the page's history is read, and nothing happened meanwhile.
      expect(calls.created).toHaveLength(1)
      expect((await record(openaiPage().key)).state).toMatchObject({ lastError: null, errorCount: 0 })
      expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
    })

    it('trusts navigator.onLine === false at once, and one unreachable page among healthy ones is not offline', async () => {
      serve('healthy')
      await storeSettings([openaiPage(), otherPage()])
      let online = false
      await boot({ online: () => online })
      await install()
      expect(await local('meta')).toMatchObject({ offline: true })

      online = true
      other.set(SUMMARY, { kind: 'drop' })
      await fireAlarm(clock, clock.now + MINUTE)
      expect(await local('meta')).toMatchObject({ offline: false })
      expect((await record(otherPage().key)).state.lastError?.kind).toBe('network')
    })
  })

  describe('permissions', () => {
    it('a page whose host permission is taken away shows a permission error and is not polled until it is granted again', async () => {
      serve('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      const requests = openai.requests.length

      await permissions.remove({ origins: ['http://127.0.0.1/*'] })
      expect((await record(openaiPage().key)).state.lastError?.kind).toBe('permission')
      await fireAlarm(clock, clock.now + 10 * MINUTE)
      expect(openai.requests.length).toBe(requests)
      const reply = await sendMessage('getState', {})
      if (!reply.ok) throw new Error(reply.message)
      expect(reply.state.pages[0]).toMatchObject({ permission: 'missing', lastError: { kind: 'permission' } })
      expect(await fakeBrowser.action.getBadgeText({})).toBe('?')

      await permissions.request({ origins: ['http://127.0.0.1/*'] })
      // Ten minutes unread: the poll and a read of the page's history for what happened meanwhile.
      expect(openai.requests.slice(requests).map((r) => r.path.split('?')[0])).toEqual(['/proxy/127.0.0.1', '/api/v2/incidents.json', '/proxy/127.0.0.1/component_impacts'])
      expect((await record(openaiPage().key)).state.lastError).toBeNull()
      expect(await fakeBrowser.action.getBadgeText({})).toBe('')
    })

    it('checks the manifest host with permissions.contains too (Firefox lets the user revoke it), without fetching', async () => {
      granted.clear()
      await boot()
      await install() // default settings: OpenAI
      expect(deps.fetched).toEqual([])
      expect((await record('status.openai.com')).state.lastError).toMatchObject({ kind: 'permission' })
      expect(permissions.contains).toHaveBeenCalledWith({ origins: ['https://status.openai.com/*'] })
    })
  })

  describe('platforms', () => {
    it('detects the platform of a page stored without one, and stores it with the page name', async () => {
      await storeSettings([watched(other.origin, null)])
      await boot()
      await install()
      const reply = await sendMessage('getState', {})
      if (!reply.ok) throw new Error(reply.message)
      expect(reply.state.settings.pages[0]).toMatchObject({ platform: 'statuspage', name: 'CodaMetrix' })
      expect(reply.state.pages[0]).toMatchObject({ level: 'operational', lastError: null })
    })

    it('detects the platform again after 3 bad_shape polls in a row (pages migrate)', async () => {
      openai.set(PROXY, json({ unexpected: true }))
      await storeSettings([openaiPage()])
      await boot()
      await install()
      for (let i = 0; i < 2; i++) await fireAlarm(clock, clock.now + 20 * MINUTE)
      expect((await record(openaiPage().key)).badShapes).toBe(3)
      openai.set('/index.json', json(sampleText('betterstack/together-index-2026-09-04.json')))
      await fireAlarm(clock, clock.now + 20 * MINUTE)
      const reply = await sendMessage('getState', {})
      if (!reply.ok) throw new Error(reply.message)
      expect(reply.state.settings.pages[0]?.platform).toBe('betterstack')
      expect(reply.state.pages[0]).toMatchObject({ lastError: null, errorCount: 0 })
      expect((await record(openaiPage().key)).badShapes).toBe(0)
    })
  })

  describe('notification filters', () => {
    async function playTimeline(): Promise<void> {
      serve('healthy')
      await boot()
      await install()
      for (const name of ['opened', 'updated', 'degraded', 'resolved'] as const) {
        serve(name)
        await fireAlarm(clock, clock.now + MINUTE)
      }
      // The next answer confirms the end of the incident that 'resolved' left out.
      await fireAlarm(clock, clock.now + MINUTE)
    }
    const suffixes = (): string[] => calls.created.map((id) => id.slice(id.indexOf('|') + 1))

    it('muted: nothing shown, but the events are seen and kept in the history (unmuting replays nothing)', async () => {
      await storeSettings([watched(openai.origin, 'incidentio', 'OpenAI', { componentIds: null, mutedUntil: null, mutedForever: true })])
      await playTimeline()
      expect(calls.created).toEqual([])
      expect(((await local('history')) as { entries: unknown[] }).entries).toHaveLength(7)
      // The popup asks for the newest 10 at most; here, for 2.
      const all = await sendMessage('getState', {})
      const newest = await sendMessage('getState', { historyLimit: 2 })
      if (!all.ok || !newest.ok) throw new Error('getState failed')
      expect(all.state.history).toHaveLength(7)
      expect(newest.state.history).toEqual(all.state.history.slice(0, 2))
      // The cards' 7-day strips still read every entry, slimmed to what they use.
      expect(newest.state.marks).toEqual(all.state.history.map(({ at, kind, pageKey, impact, name }) => ({ at, kind, pageKey, impact, name })))
      expect(newest.state.marks.map((m) => m.impact)).toContain('major')
    })

    it('muted until a time: quiet before it, notified after it', async () => {
      await storeSettings([watched(openai.origin, 'incidentio', 'OpenAI', { componentIds: null, mutedUntil: clock.now + 150 * SECOND, mutedForever: false })])
      await playTimeline()
      expect(suffixes()).toEqual([`component:${CHAT_ID}:partial_outage:2`, expect.stringMatching(/^\*components:2:/), `incident:${INCIDENT_ID}:resolved`])
    })

    it('only some components: events touching them (or their group), and incidents naming none', async () => {
      await storeSettings([watched(openai.origin, 'incidentio', 'OpenAI', { componentIds: [CHAT_ID], mutedUntil: null, mutedForever: false })])
      await playTimeline()
      // The incident is about Video generation only: filtered out; Chat's own changes pass.
      expect(suffixes()).toEqual([`component:${CHAT_ID}:partial_outage:2`, `component:${CHAT_ID}:operational:3`])
    })

    it('notifyOnRecovery off: no "resolved", no "back to operational"', async () => {
      await storeSettings([openaiPage()], false)
      await playTimeline()
      expect(suffixes()).toEqual([
        `incident:${INCIDENT_ID}:opened`,
        'component:01JMXCAX0QN2ZHVMS54EEN1HXB:degraded_performance:1',
        `incident:${INCIDENT_ID}:update:01JRB888M6PD0234TWT53M9G46`,
        `component:${CHAT_ID}:partial_outage:2`,
      ])
    })
  })

  describe('the badge', () => {
    it('shows the worst level and the number of incidents, and is only set when it changes', async () => {
      serve('healthy')
      await storeSettings([openaiPage()])
      await boot()
      const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText')
      const setColor = vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor')
      await install()
      expect(await fakeBrowser.action.getBadgeText({})).toBe('')
      expect(await fakeBrowser.action.getTitle({})).toBe('Status Monitor\nOpenAI: Operational')

      serve('opened')
      await fireAlarm(clock, clock.now + MINUTE)
      expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
      expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xbf, 0x87, 0x00, 255])
      expect(await fakeBrowser.action.getTitle({})).toBe('Status Monitor\nOpenAI: Minor — 1 incident')
      const texts = setText.mock.calls.length
      const colors = setColor.mock.calls.length
      await fireAlarm(clock, clock.now + MINUTE) // a 304: same badge
      await fireAlarm(clock, clock.now + MINUTE)
      expect(setText.mock.calls.length).toBe(texts)
      expect(setColor.mock.calls.length).toBe(colors)

      serve('degraded')
      await fireAlarm(clock, clock.now + MINUTE)
      expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
      expect(await fakeBrowser.action.getTitle({})).toBe('Status Monitor\nOpenAI: Major — 1 incident')
    })

    it('is set without storage.session too (older browsers)', async () => {
      const session = fakeBrowser.storage.session
      Object.assign(fakeBrowser.storage, { session: undefined })
      try {
        serve('opened')
        await storeSettings([openaiPage()])
        await boot()
        await install()
        expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
      } finally {
        Object.assign(fakeBrowser.storage, { session })
      }
    })
  })

  describe('corrupt storage', () => {
    it('is repaired on read: a corrupt page state, schedule, outbox or history never stops the others', async () => {
      serve('opened')
      await storeSettings([openaiPage(), otherPage()])
      await fakeBrowser.storage.local.set({
        [`page:${openaiPage().key}`]: { version: 1, state: 'garbage', badShapes: -4 },
        [`page:${otherPage().key}`]: [1, 2, 3],
        schedule: { version: 1, pages: { [openaiPage().key]: { c: 'yesterday', d: -5 }, __proto__: 1 } },
        outbox: { version: 1, entries: [null, { id: 42 }, 'x'] },
        history: 'not a list',
        links: { entries: [{ id: 1 }] },
        meta: { version: 99, offline: 'very' },
      })
      await boot()
      await install()
      // First sight: one summary of the incident and its component, not one notification each.
      expect(calls.created).toEqual([expect.stringMatching(/\|\*first:2:/)])
      expect((await record(openaiPage().key)).state.snapshot?.level).toBe('minor')
      expect((await record(otherPage().key)).state.snapshot?.level).toBe('operational')
      expect(((await local('history')) as { entries: unknown[] }).entries).toHaveLength(2)
      expect(await local('outbox')).toEqual({ version: 1, entries: [] })
    })

    it('corrupt settings: the bad page alone is dropped; unreadable settings fall back to the defaults', async () => {
      await fakeBrowser.storage.sync.set({
        settings: { version: 1, notifyOnRecovery: 'yes', pages: [{ u: 'javascript:alert(1)' }, { u: other.origin, p: 'statuspage', n: 'CodaMetrix' }, 7], more: 0 },
      })
      await boot()
      let reply = await sendMessage('getState', {})
      if (!reply.ok) throw new Error(reply.message)
      expect(reply.state.settings).toMatchObject({ notifyOnRecovery: true, pages: [{ key: otherPage().key, platform: 'statuspage' }] })

      await fakeBrowser.storage.sync.set({ settings: 'corrupt' })
      reply = await sendMessage('getState', {})
      if (!reply.ok) throw new Error(reply.message)
      expect(reply.state.settings.pages.map((p) => p.url)).toEqual(['https://status.openai.com/'])
    })
  })
})
