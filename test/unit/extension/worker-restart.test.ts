import { fakeBrowser } from '@webext-core/fake-browser'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { openAiOutageTimeline, type TimelineStep } from '../../../scripts/harness/timelines/openai-outage.ts'
import { bootWorker, calls, fireAlarm, granted, install, killAtStorageCall, killWorker, resetBrowser, storageCallCount, storeSettings, testDeps, watched, type Clock, type StorageKill, type TestDeps } from '../../support/background-harness.ts'
import { sampleJson } from '../../support/samples.ts'


/**
 * The exactly-once claim, tested the hard way: for every transition of the outage timeline and
 * for every step k of the wake-up that processes it (each storage write, each notification
 * shown, the schedule, the alarm), the worker dies right at step k; a fresh worker (module
 * re-imported, listeners registered again, storage kept) then wakes up for the next alarms.
 * The notifications shown must be exactly those of an undisturbed run: none lost, none under
 * another id. The only repeat allowed is the same id again when the worker died after showing
 * it and before clearing the outbox: that replaces the notification, it does not add one.
 */

const PROXY = '/proxy/127.0.0.1'
const MINUTE = 60_000
const TRANSITIONS = [
  ['healthy', 'opened'],
  ['opened', 'updated'],
  ['updated', 'degraded'],
  ['degraded', 'resolved'],
  // The same answer again: it confirms the end of the incident the last one left out.
  ['resolved', 'resolved'],
] as const

describe('a worker killed at any step of a poll neither loses nor repeats a notification', () => {
  let server: StatusServer
  let steps: TimelineStep[]
  let clock: Clock
  let deps: TestDeps

  const serve = (name: TimelineStep['name']): void => {
    const step = steps.find((s) => s.name === name)
    if (!step) throw new Error(name)
    server.set(PROXY, json(step.body))
  }

  async function startWorker(): Promise<void> {
    deps = await bootWorker(testDeps(clock, { timeoutMs: 2_000 }))
  }

  async function alarmAfter(ms: number): Promise<void> {
    clock.now += ms
    await fireAlarm(clock)
  }

  /** A fresh browser whose worker has seen the timeline up to `until`, undisturbed. */
  async function playUntil(until: TimelineStep['name']): Promise<void> {
    resetBrowser()
    server.clear()
    clock = { now: Date.UTC(2025, 3, 8, 17, 0) }
    granted.add('http://127.0.0.1/*')
    await storeSettings([watched(server.origin, 'incidentio', 'OpenAI')])
    serve('healthy')
    await startWorker()
    await install()
    for (const step of steps) {
      if (step.name === 'healthy') continue
      if (steps.findIndex((s) => s.name === step.name) > steps.findIndex((s) => s.name === until)) break
      serve(step.name)
      await alarmAfter(MINUTE)
    }
  }

  beforeAll(async () => {
    steps = openAiOutageTimeline(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    server = await startStatusServer()
  })
  afterAll(async () => {
    await server.close()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  for (const [from, to] of TRANSITIONS) {
    it(`${from} → ${to}: killed at every step k, then restarted`, async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      // The undisturbed run: how many steps the wake-up takes, and what it and the next two
      // wake-ups (as after a restart, below) show.
      await playUntil(from)
      serve(to)
      const stepsBefore = deps.steps.length
      const createdBefore = calls.created.length
      await alarmAfter(MINUTE)
      const stepCount = deps.steps.length - stepsBefore
      const shownByIt = calls.created.length - createdBefore
      await alarmAfter(MINUTE + 1_000)
      await alarmAfter(MINUTE + 1_000)
      const expected = calls.created.slice(createdBefore)
      expect(shownByIt).toBeGreaterThan(0)
      expect(stepCount).toBeGreaterThanOrEqual(shownByIt + 3)

      for (let k = 1; k <= stepCount; k++) {
        await playUntil(from)
        serve(to)
        const base = calls.created.length
        const alive = deps.steps.length
        deps.killAt(k)
        await alarmAfter(MINUTE)
        expect(deps.dead(), `k=${k}`).toBe(true)
        const doneBeforeDeath = deps.steps.slice(alive)

        killWorker()
        await startWorker()
        await alarmAfter(MINUTE + 1_000)
        await alarmAfter(MINUTE + 1_000)

        const shown = calls.created.slice(base)
        const where = `killed at step ${k} (${doneBeforeDeath.at(-1)})`
        expect(new Set(shown), where).toEqual(new Set(expected))
        // Shown twice: only an id shown before the death whose outbox entry was not yet cleared.
        const replaced = doneBeforeDeath.includes('outbox-cleared')
          ? []
          : doneBeforeDeath.filter((s) => s.startsWith('shown:')).map((s) => s.slice('shown:'.length))
        const twice = expected.filter((id) => shown.filter((s) => s === id).length > 1)
        expect(twice, where).toEqual(expected.filter((id) => replaced.includes(id)))
        expect(shown.length, where).toBe(expected.length + twice.length)
        expect((await fakeBrowser.storage.local.get('outbox')).outbox, where).toEqual({ version: 1, entries: [] })
      }
    }, 60_000)
  }

  /**
   * The same claim at a finer grain: the worker stopped before or right after each single
   * storage call of the wake-up (`storage.*.set/remove`), wherever the named checkpoints are.
   * After a death, what the new worker shows again is exactly what the outbox still held: an id
   * shown before the death and still pending is shown once more (replacing itself), nothing else.
   */
  for (const [from, to] of TRANSITIONS) {
    it(`${from} → ${to}: killed before and after every storage call, then restarted`, async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      await playUntil(from)
      serve(to)
      const createdBefore = calls.created.length
      killAtStorageCall(null)
      await alarmAfter(MINUTE)
      const storageCalls = storageCallCount()
      await alarmAfter(MINUTE + 1_000)
      await alarmAfter(MINUTE + 1_000)
      const expected = calls.created.slice(createdBefore)
      expect(expected.length).toBeGreaterThan(0)
      expect(storageCalls).toBeGreaterThanOrEqual(3)

      for (let k = 1; k <= storageCalls; k++) {
        for (const when of ['before', 'after'] as const satisfies readonly StorageKill[]) {
          await playUntil(from)
          serve(to)
          const base = calls.created.length
          killAtStorageCall(k, when)
          await alarmAfter(MINUTE)
          const where = `killed ${when} storage call ${k} of ${storageCalls}`
          expect(deps.dead(), where).toBe(true)
          const shownBeforeDeath = calls.created.slice(base)
          const pending = ((await fakeBrowser.storage.local.get('outbox')).outbox as { entries?: { id: string }[] } | undefined)?.entries?.map((e) => e.id) ?? []

          killWorker()
          killAtStorageCall(null)
          await startWorker()
          await alarmAfter(MINUTE + 1_000)
          await alarmAfter(MINUTE + 1_000)

          const shown = calls.created.slice(base)
          expect(new Set(shown), where).toEqual(new Set(expected))
          const replaced = shownBeforeDeath.filter((id) => pending.includes(id))
          const twice = expected.filter((id) => shown.filter((s) => s === id).length > 1)
          expect(twice, where).toEqual(expected.filter((id) => replaced.includes(id)))
          expect(shown.length, where).toBe(expected.length + twice.length)
          expect((await fakeBrowser.storage.local.get('outbox')).outbox, where).toEqual({ version: 1, entries: [] })
        }
      }
    }, 120_000)
  }
})
