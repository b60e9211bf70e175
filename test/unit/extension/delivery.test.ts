import { fakeBrowser } from '@webext-core/fake-browser'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { INCIDENT_ID, openAiOutageTimeline, type TimelineStep } from '../../../scripts/harness/timelines/openai-outage.ts'
import { MAX_ATTEMPTS } from '../../../extension/background/outbox.ts'
import { sendMessage } from '../../../extension/messaging/client.ts'
import { alarmTime, bootWorker, fireAlarm, granted, install, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'
import { sampleJson } from '../../support/samples.ts'


const PROXY = '/proxy/127.0.0.1'
const MINUTE = 60_000

/**
 * Delivery failures: the platform refusing a notification, refusing it for good, or never
 * answering; and the user turning the extension's notifications off. None may be silent.
 */
describe('notifications that cannot be shown', () => {
  let server: StatusServer
  let steps: TimelineStep[]
  let clock: Clock
  const create = fakeBrowser.notifications.create.bind(fakeBrowser.notifications)
  const page = (): ReturnType<typeof watched> => watched(server.origin, 'incidentio', 'OpenAI')
  const opened = (): string => `${page().key}|incident:${INCIDENT_ID}:opened`
  const serve = (name: TimelineStep['name']): void => server.set(PROXY, json(steps.find((s) => s.name === name)?.body ?? ''))
  /** Every create call's id, whatever became of it. */
  const attempts: string[] = []

  /** Replaces notifications.create for the test (and with it the harness's record of calls). */
  function platform(answer: (id: string, attempt: number) => 'show' | 'refuse' | 'hang'): void {
    Object.assign(fakeBrowser.notifications, {
      create: (id: string, options: never) => {
        attempts.push(id)
        const outcome = answer(id, attempts.filter((a) => a === id).length)
        if (outcome === 'refuse') return Promise.reject(new Error('Unable to download all specified images.'))
        if (outcome === 'hang') return new Promise(() => {})
        return create(id, options)
      },
    })
  }

  const state = async () => {
    const reply = await sendMessage('getState', {})
    if (!reply.ok) throw new Error(reply.message)
    return reply.state
  }
  const outbox = async (): Promise<{ id: string; attempts: number }[]> =>
    ((await fakeBrowser.storage.local.get('outbox')).outbox as { entries?: { id: string; attempts: number }[] } | undefined)?.entries ?? []

  beforeAll(async () => {
    steps = openAiOutageTimeline(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    server = await startStatusServer()
  })
  afterAll(async () => {
    await server.close()
  })
  beforeEach(async () => {
    resetBrowser()
    attempts.length = 0
    server.clear()
    clock = { now: Date.UTC(2025, 3, 8, 17, 0) }
    granted.add('http://127.0.0.1/*')
    serve('healthy')
    await storeSettings([page()])
    await bootWorker(testDeps(clock, { timeoutMs: 2_000 }))
    await install()
  })
  afterEach(() => {
    Object.assign(fakeBrowser.notifications, { create })
    vi.restoreAllMocks()
  })

  it('refused once, then shown at the next wake-up: nothing lost, nothing said', async () => {
    platform((_, attempt) => (attempt === 1 ? 'refuse' : 'show'))
    serve('opened')
    await fireAlarm(clock, clock.now + MINUTE)
    expect(await outbox()).toContainEqual(expect.objectContaining({ id: opened(), attempts: 1 }))
    expect(Object.keys(await fakeBrowser.notifications.getAll())).not.toContain(opened())

    await fireAlarm(clock, (await alarmTime()) ?? clock.now + MINUTE)
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toContain(opened())
    expect(attempts.filter((id) => id === opened())).toHaveLength(2)
    expect(await outbox()).toEqual([])
    expect((await state()).notifications.undelivered).toBeNull()
  })

  it(`refused every time: tried ${MAX_ATTEMPTS} times, then dropped and said in the popup; the event stays in the history; one shown later clears it`, async () => {
    platform(() => 'refuse')
    serve('opened')
    for (let wake = 0; wake < MAX_ATTEMPTS + 2; wake++) await fireAlarm(clock, (await alarmTime()) ?? clock.now + MINUTE)
    expect(attempts.filter((id) => id === opened())).toHaveLength(MAX_ATTEMPTS)
    expect(await outbox()).toEqual([])
    const { notifications, history } = await state()
    expect(notifications.undelivered).toMatchObject({ count: 2, reason: 'Unable to download all specified images.' })
    expect(history.some((entry) => entry.kind === 'incident_opened')).toBe(true)

    platform(() => 'show')
    serve('updated')
    await fireAlarm(clock, (await alarmTime()) ?? clock.now + MINUTE)
    expect(Object.keys(await fakeBrowser.notifications.getAll()).some((id) => id.startsWith(`${page().key}|incident:${INCIDENT_ID}:update:`))).toBe(true)
    expect((await state()).notifications.undelivered).toBeNull()
  })

  it('a create that never answers does not hold the worker: given up after its timeout, tried again, shown when the platform answers', async () => {
    platform((_, attempt) => (attempt === 1 ? 'hang' : 'show'))
    serve('opened')
    await fireAlarm(clock, clock.now + MINUTE)
    expect(await alarmTime()).not.toBeNull()
    expect(await outbox()).toContainEqual(expect.objectContaining({ id: opened(), attempts: 1 }))
    await fireAlarm(clock, (await alarmTime()) ?? clock.now + MINUTE)
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toContain(opened())
  })

  it('notifications turned off by the user (Chrome): the state says so, for the popup to say it', async () => {
    Object.assign(fakeBrowser.notifications, { getPermissionLevel: async () => 'denied' })
    expect((await state()).notifications.permission).toBe('denied')
    Object.assign(fakeBrowser.notifications, { getPermissionLevel: async () => 'granted' })
    expect((await state()).notifications.permission).toBe('granted')
  })
})
