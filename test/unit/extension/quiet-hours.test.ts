import { fakeBrowser } from '@webext-core/fake-browser'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { openAiOutageTimeline, type TimelineStep } from '../../../scripts/harness/timelines/openai-outage.ts'
import { isQuiet, quietSummary, heldEntry } from '../../../src/notify/quiet-hours.ts'
import { sendMessage } from '../../../extension/messaging/client.ts'
import type { QuietHours, Settings } from '../../../extension/storage/settings.ts'
import type { MonitorEvent } from '../../../src/events.ts'
import { bootWorker, calls, fireAlarm, granted, install, resetBrowser, storeWholeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'
import { sampleJson } from '../../support/samples.ts'


const MINUTE = 60_000
const at = (hh: number, mm: number): number => Date.UTC(2025, 3, 8, hh, mm) // TZ=UTC (vitest.config.ts)

describe('quiet hours: the window', () => {
  const window = (start: string, end: string, enabled = true): QuietHours => ({ enabled, start, end })

  it('a same-day window, a window over midnight, off, and an empty window', () => {
    expect(isQuiet(window('09:00', '17:00'), at(9, 0))).toBe(true)
    expect(isQuiet(window('09:00', '17:00'), at(17, 0))).toBe(false)
    expect(isQuiet(window('22:00', '07:00'), at(23, 30))).toBe(true)
    expect(isQuiet(window('22:00', '07:00'), at(6, 59))).toBe(true)
    expect(isQuiet(window('22:00', '07:00'), at(7, 0))).toBe(false)
    expect(isQuiet(window('22:00', '07:00', false), at(23, 30))).toBe(false)
    expect(isQuiet(window('08:00', '08:00'), at(8, 0))).toBe(false)
    expect(isQuiet(null, at(8, 0))).toBe(false)
  })

  it('sums up incidents once each, component changes each, pages by name', () => {
    const incident = (key: string, id: string): MonitorEvent => ({ kind: 'incident_updated', key, incident: { id } }) as unknown as MonitorEvent
    const change = (key: string): MonitorEvent => ({ kind: 'component_changed', key, component: { id: key } }) as unknown as MonitorEvent
    const openai = { key: 'status.openai.com', name: 'OpenAI', url: 'https://status.openai.com/' }
    const github = { key: 'www.githubstatus.com', name: 'GitHub', url: 'https://www.githubstatus.com/' }
    const held = [
      heldEntry(incident('i1:opened', 'i1'), openai),
      heldEntry(incident('i1:update:u', 'i1'), openai),
      heldEntry(incident('i2:opened', 'i2'), openai),
      ...['a', 'b', 'c'].map((k) => heldEntry(change(k), openai)),
      heldEntry(incident('g1:opened', 'g1'), github),
      ...['d', 'e'].map((k) => heldEntry(change(k), github)),
    ]
    const summary = quietSummary(held)
    expect(summary?.body).toBe('While quiet: 3 incidents, 5 component changes on OpenAI, GitHub')
    expect(quietSummary([...held].reverse())?.id).toBe(summary?.id)
    expect(quietSummary([])).toBeNull()
  })
})

describe('quiet hours in the background', () => {
  let openai: StatusServer
  let steps: TimelineStep[]
  let clock: Clock

  const serve = (name: TimelineStep['name']): void => {
    const step = steps.find((s) => s.name === name)
    if (!step) throw new Error(name)
    openai.set('/proxy/127.0.0.1', json(step.body))
  }
  const local = async (key: string): Promise<unknown> => (await fakeBrowser.storage.local.get(key))[key]
  const store = async (quietHours: QuietHours | null): Promise<void> => {
    const settings: Settings = { version: 2, notifyOnRecovery: true, quietHours, pages: [watched(openai.origin, 'incidentio', 'OpenAI')] }
    await storeWholeSettings(settings)
  }
  const playOutage = async (): Promise<void> => {
    serve('healthy')
    await bootWorker(testDeps(clock, { timeoutMs: 2_000 }))
    await install()
    for (const name of ['opened', 'updated', 'degraded', 'resolved'] as const) {
      serve(name)
      await fireAlarm(clock, clock.now + MINUTE)
    }
    // The next answer confirms the end of the incident that 'resolved' left out.
    await fireAlarm(clock, clock.now + MINUTE)
  }

  beforeAll(async () => {
    steps = openAiOutageTimeline(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    openai = await startStatusServer()
  })
  afterAll(async () => {
    await openai.close()
  })
  beforeEach(() => {
    resetBrowser()
    openai.clear()
    clock = { now: at(17, 0) }
    granted.add('http://127.0.0.1/*')
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('holds every notification during the window, records the history, then shows ONE summary', async () => {
    await store({ enabled: true, start: '16:30', end: '17:10' })
    await playOutage()
    expect(calls.created).toEqual([])
    expect(((await local('history')) as { entries: unknown[] }).entries).toHaveLength(7)
    expect(((await local('held')) as { entries: unknown[] }).entries.length).toBeGreaterThan(0)

    // Still quiet: a wake-up keeps holding.
    await fireAlarm(clock, at(17, 9))
    expect(calls.created).toEqual([])

    // The window is over: one summary, and nothing held any more.
    await fireAlarm(clock, at(17, 10))
    expect(calls.created).toHaveLength(1)
    const id = calls.created[0] ?? ''
    expect(id).toMatch(/^quiet\|/)
    const shown = (await fakeBrowser.notifications.getAll()) as Record<string, unknown>
    expect(Object.keys(shown)).toEqual([id])
    expect(await local('held')).toBeUndefined()
    expect(await local('outbox')).toEqual({ version: 1, entries: [] })

    await fireAlarm(clock, clock.now + MINUTE)
    expect(calls.created).toHaveLength(1)
  })

  it('the summary counts the outage: 1 incident and the component changes, on OpenAI', async () => {
    await store({ enabled: true, start: '16:30', end: '17:10' })
    const create = vi.spyOn(fakeBrowser.notifications, 'create')
    await playOutage()
    await fireAlarm(clock, at(17, 10))
    const options = create.mock.calls.at(-1)?.[1] as unknown as { title: string; message: string }
    expect(options.title).toBe('Quiet hours are over')
    expect(options.message).toMatch(/^While quiet: 1 incident, \d+ component changes on OpenAI$/)
  })

  it('turning quiet hours off releases what they held at once', async () => {
    await store({ enabled: true, start: '16:30', end: '18:00' })
    await playOutage()
    expect(calls.created).toEqual([])
    const reply = await sendMessage('updateFilters', { quietHours: null })
    expect(reply.ok && reply.settings.quietHours).toBeNull()
    await fireAlarm(clock, clock.now + MINUTE)
    expect(calls.created).toHaveLength(1)
    expect(calls.created[0]).toMatch(/^quiet\|/)
  })

  it('outside the window nothing changes: notifications as usual, nothing held', async () => {
    await store({ enabled: true, start: '02:00', end: '06:00' })
    await playOutage()
    expect(calls.created.length).toBeGreaterThan(1)
    expect(await local('held')).toBeUndefined()
  })
})
