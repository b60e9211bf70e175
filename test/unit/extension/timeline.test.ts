import { fakeBrowser } from '@webext-core/fake-browser'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { faults, json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { openAiOutageTimeline, type TimelineStep } from '../../../scripts/harness/timelines/openai-outage.ts'
import { bootWorker, calls, fireAlarm, granted, install, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'
import { sampleJson } from '../../support/samples.ts'


const PROXY = '/proxy/127.0.0.1'
const MINUTE = 60_000

describe('the background on the OpenAI outage timeline (real node:http server)', () => {
  let server: StatusServer
  let steps: TimelineStep[]
  let clock: Clock
  let pageKey: string

  const body = (name: TimelineStep['name']): string => {
    const step = steps.find((s) => s.name === name)
    if (!step) throw new Error(name)
    return step.body
  }
  const serve = (name: TimelineStep['name']): void => server.set(PROXY, json(body(name)))

  async function startWorker(options: Parameters<typeof testDeps>[1] = {}): Promise<void> {
    await bootWorker(testDeps(clock, { timeoutMs: 1_000, ...options }))
  }

  /** Lets time pass and fires the poll alarm, as Chrome would. */
  async function alarmAfter(ms: number): Promise<void> {
    clock.now += ms
    await fireAlarm(clock)
  }

  const pageRecord = async (): Promise<unknown> => (await fakeBrowser.storage.local.get(`page:${pageKey}`))[`page:${pageKey}`]

  beforeAll(async () => {
    steps = openAiOutageTimeline(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    server = await startStatusServer()
  })
  afterAll(async () => {
    await server.close()
  })

  beforeEach(async () => {
    resetBrowser()
    server.clear()
    clock = { now: Date.UTC(2025, 3, 8, 17, 0) }
    granted.add('http://127.0.0.1/*')
    const page = watched(server.origin, 'incidentio', 'OpenAI')
    pageKey = page.key
    await storeSettings([page])
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('notifies each step of the outage exactly once, in order, and nothing for a healthy page', async () => {
    serve('healthy')
    await startWorker()
    await install()
    expect(calls.created).toEqual([])

    const seen: Record<string, string[]> = {}
    const again: Record<string, string[]> = {}
    for (const name of ['opened', 'updated', 'degraded', 'resolved'] as const) {
      serve(name)
      const before = calls.created.length
      await alarmAfter(MINUTE)
      seen[name] = calls.created.slice(before)
      // The same body again: a 304. Nothing new, except the end of an incident the last answer
      // left out, which this second answer confirms.
      await alarmAfter(MINUTE)
      again[name] = calls.created.slice(before + seen[name].length)
    }
    const id = (suffix: string): string => `${pageKey}|${suffix}`
    expect(seen).toEqual({
      opened: [id('incident:01JRB888M6TJVDDKGCA1YZ3ZHT:opened'), id('component:01JMXCAX0QN2ZHVMS54EEN1HXB:degraded_performance:1')],
      updated: [id('incident:01JRB888M6TJVDDKGCA1YZ3ZHT:update:01JRB888M6PD0234TWT53M9G46')],
      degraded: [id('component:01JMXBRMFE6N2NNT7DG6XZQ6PW:partial_outage:2')],
      resolved: [expect.stringMatching(new RegExp(`^${pageKey}\\|\\*components:2:[0-9a-f]{8}$`))],
    })
    expect(again).toEqual({ opened: [], updated: [], degraded: [], resolved: [id('incident:01JRB888M6TJVDDKGCA1YZ3ZHT:resolved')] })
    const shown = fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string; message: string; iconUrl: string; type: string }>
    expect(shown[id('incident:01JRB888M6TJVDDKGCA1YZ3ZHT:opened')]).toMatchObject({
      type: 'basic',
      iconUrl: 'chrome-extension://test-extension-id/icon-128.png',
      title: 'OpenAI — New users may experience temporary delays in video generation capabilities',
      message: 'Minor · Investigating · Sora / Video generation: We are investigating reports of delays in video generation for new users.',
    })
    // The outbox is empty once everything was shown; the history holds every event, newest first.
    const local = await fakeBrowser.storage.local.get(['outbox', 'history'])
    expect(local.outbox).toEqual({ version: 1, entries: [] })
    const history = (local.history as { entries: { kind: string; lines: string }[] }).entries
    // By time, oldest first here: this test's clock starts at 17:00 and the page's own update
    // times (17:20, 17:48) are later than every change we saw ourselves.
    expect(history.map((entry) => entry.kind).reverse()).toEqual([
      'component_changed',
      'component_changed',
      'component_changed',
      'component_changed',
      'incident_resolved',
      'incident_opened',
      'incident_updated',
    ])
    expect(history.find((entry) => entry.kind === 'incident_opened')?.lines).toMatch(
      /^\[2025-04-08 17:20:00\] Product: OpenAI - Sora \/ Video generation\nStatus: Minor - Investigating\nDetails: New users may experience temporary delays in video generation capabilities: We are investigating/,
    )
  })

  it('faults between steps (HTML 503, 429 Retry-After, truncated JSON, a hang) notify nothing and keep the state', async () => {
    serve('healthy')
    await startWorker()
    await install()
    serve('opened')
    await alarmAfter(MINUTE)
    expect(calls.created).toHaveLength(2)
    const seenBefore = ((await pageRecord()) as { state: { seen: unknown } }).state.seen

    for (const fault of [faults.htmlError(503), faults.rateLimited(120), faults.truncated(body('updated')), faults.hang()]) {
      server.set(PROXY, fault)
      server.set('/api/v2/summary.json', fault)
      await alarmAfter(20 * MINUTE)
      const record = (await pageRecord()) as { state: { seen: unknown; lastError: { kind: string } | null } }
      expect(record.state.lastError?.kind).toMatch(/^(http|rate_limited|not_json|timeout)$/)
      expect(record.state.seen).toEqual(seenBefore)
      // Faults of the source are not "offline", and the badge keeps the last known state.
      expect((await fakeBrowser.storage.local.get('meta')).meta).toBeUndefined()
      expect(await fakeBrowser.action.getBadgeText({})).toBe('1')
    }
    server.clear()
    expect(calls.created).toHaveLength(2)

    serve('updated')
    await alarmAfter(20 * MINUTE)
    // Back after 100 minutes without an answer: the update is told in one catch-up. The alarms
    // here fire 20 minutes apart, long after the page was due: nobody asked meanwhile, so "away".
    const [back, ...more] = calls.created.slice(2)
    expect(more).toEqual([])
    expect(back).toMatch(new RegExp(`^${pageKey.replace(/[.]/g, '\\.')}\\|\\*away:1:[0-9a-f]{8}$`))
    const shown = fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string; message: string }>
    expect(shown[back ?? '']).toMatchObject({
      title: 'OpenAI — While you were away (2 h)',
      message: 'New users may experience temporary delays in video generation capabilities — since 17:48, monitoring',
    })
    expect(((await pageRecord()) as { state: { lastError: unknown; errorCount: number } }).state).toMatchObject({ lastError: null, errorCount: 0 })
  })
})
