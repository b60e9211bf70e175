import { fakeBrowser } from '@webext-core/fake-browser'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { INCIDENT_ID, openAiOutageTimeline, type TimelineStep } from '../../../scripts/harness/timelines/openai-outage.ts'
import { sendMessage } from '../../../extension/messaging/client.ts'
import { PAGE_STATE_BUDGET_BYTES } from '../../../src/state-budget.ts'
import { HISTORY_LINES_MAX } from '../../../extension/storage/records.ts'
import { alarmTime, bootWorker, calls, fireAlarm, granted, install, resetBrowser, storeSettings, testDeps, watched, type Clock, type TestDeps } from '../../support/background-harness.ts'
import { installQuotas, itemBytes, type QuotaStorage } from '../../support/quota-storage.ts'
import { bulkySummary } from '../../support/hostile-pages.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'


/**
 * "Never silent" (docs/reliability.md): one page's trouble, a full storage, a lost alarm or a
 * clock jump must not stop the watch of the other pages. Each case here failed before the guard
 * it names was built.
 */

const PROXY = '/proxy/127.0.0.1'
const SUMMARY = '/api/v2/summary.json'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

interface Stored {
  schedule?: { pages: Record<string, { c?: number; d?: number; e?: string }> }
  [key: string]: unknown
}

describe('never silent', () => {
  let openai: StatusServer
  let steps: TimelineStep[]
  let clock: Clock
  let deps: TestDeps
  let quotas: QuotaStorage | null = null
  const others: StatusServer[] = []

  const serveOpenAi = (name: TimelineStep['name']): void => {
    const step = steps.find((s) => s.name === name)
    if (!step) throw new Error(name)
    openai.set(PROXY, json(step.body))
  }
  const openaiPage = (): ReturnType<typeof watched> => watched(openai.origin, 'incidentio', 'OpenAI')
  const boot = async (options: Parameters<typeof testDeps>[1] = {}): Promise<void> => {
    deps = await bootWorker(testDeps(clock, { timeoutMs: 5_000, ...options }))
  }
  const stored = async (): Promise<Stored> => (await fakeBrowser.storage.local.get(null)) as Stored
  const entryOf = async (key: string): Promise<{ c?: number; d?: number; e?: string } | undefined> => (await stored()).schedule?.pages[key]
  const opened = (page: string): string => `${page}|incident:${INCIDENT_ID}:opened`

  beforeAll(async () => {
    steps = openAiOutageTimeline(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    openai = await startStatusServer()
    for (let i = 0; i < 5; i++) others.push(await startStatusServer())
  })
  afterAll(async () => {
    await openai.close()
    for (const server of others) await server.close()
  })
  beforeEach(() => {
    resetBrowser()
    openai.clear()
    for (const server of others) server.clear()
    clock = { now: Date.UTC(2025, 3, 8, 17, 0) }
    granted.add('http://127.0.0.1/*')
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    quotas?.uninstall()
    quotas = null
    vi.restoreAllMocks()
  })

  describe('storage.local is limited to 10 MB, as in Chrome', () => {
    it('five pages sending 1.85 MB updates and OpenAI: each state within its budget, OpenAI announced on time, the bulky pages answered by 304 next', { tags: ['slow'], timeout: 60_000 }, async () => {
      quotas = installQuotas(() => clock.now)
      const bulky = others.map((server, i) => {
        server.set(SUMMARY, json(bulkySummary(1_850_000, `Service ${i}`)))
        return watched(server.origin, 'statuspage', `Bulky ${i}`)
      })
      serveOpenAi('healthy')
      await storeSettings([openaiPage(), ...bulky])
      await boot()
      await install()

      serveOpenAi('opened')
      await fireAlarm(clock, clock.now + MINUTE)
      expect(calls.created).toContain(opened(openaiPage().key))

      const all = await stored()
      for (const page of [openaiPage(), ...bulky]) {
        expect(all.schedule?.pages[page.key]?.e).toBeUndefined()
        expect(itemBytes(`page:${page.key}`, all[`page:${page.key}`])).toBeLessThanOrEqual(PAGE_STATE_BUDGET_BYTES + 200)
      }
      expect(await quotas.localBytes()).toBeLessThan(1_000_000)
      expect(quotas.refused).toEqual([])
      const history = (all.history as { entries: { lines: string }[] }).entries
      expect(history.length).toBeGreaterThan(5)
      for (const entry of history) expect(entry.lines.length).toBeLessThanOrEqual(HISTORY_LINES_MAX)
      // Their ETags were stored with their states: the second cycle downloads nothing.
      // First sight also asks for the page's incident history (the popup's last days): these have none.
      for (const server of others) expect(server.requests.map((r) => `${r.status} ${r.path}`)).toEqual(['200 /api/v2/summary.json', '404 /api/v2/incidents.json', '304 /api/v2/summary.json'])
      expect(await alarmTime()).toBe(clock.now + 15_000)
    })

    it('storage too full for one page even after trimming: that page says so, the others go on, the badge and the popup say monitoring has a problem', async () => {
      serveOpenAi('opened')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      // Room left for OpenAI's next update, not for a bulky page's state even cut to 16 KB.
      quotas = installQuotas(() => clock.now, { localBytes: (await itemsBytes()) + 12_000 })
      const bulky = watched(others[0]?.origin ?? '', 'statuspage', 'Bulky')
      others[0]?.set(SUMMARY, json(bulkySummary(500_000, 'Bulky')))
      await storeSettings([openaiPage(), bulky])
      serveOpenAi('updated')
      await fireAlarm(clock, clock.now + 15_000)

      expect(await entryOf(bulky.key)).toMatchObject({ e: 'storage', c: clock.now })
      expect(calls.created.some((id) => id.startsWith(`${openaiPage().key}|incident:${INCIDENT_ID}:update:`))).toBe(true)
      expect(await alarmTime()).not.toBeNull()
      const reply = await sendMessage('getState', {})
      if (!reply.ok) throw new Error(reply.message)
      expect(reply.state.problem?.reason).toMatch(/storage is full: the newest state of 1 page could not be saved/)
      expect(reply.state.pages.find((p) => p.key === bulky.key)?.lastError?.kind).toBe('storage')
      expect(await fakeBrowser.action.getBadgeText({})).toBe('err')
      expect(await fakeBrowser.action.getTitle({})).toMatch(/^Status Monitor — monitoring problem: The extension's storage is full/)

      // Once there is room again, the page is saved and the problem is gone.
      quotas.uninstall()
      quotas = null
      await fireAlarm(clock, (await alarmTime()) ?? clock.now + MINUTE)
      await fireAlarm(clock, clock.now + MINUTE)
      expect((await entryOf(bulky.key))?.e).toBeUndefined()
      const after = await sendMessage('getState', {})
      expect(after.ok && after.state.problem).toBeNull()
      expect(await fakeBrowser.action.getBadgeText({})).not.toBe('err')
    }, 60_000)

    it('makes room from records left behind and old history, then the write goes through', async () => {
      serveOpenAi('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      const junk = { version: 1, state: { url: 'x', snapshot: null, note: 'x'.repeat(300_000) }, badShapes: 0 }
      const oldHistory = { version: 1, entries: Array.from({ length: 200 }, (_, i) => ({ at: clock.now - i, kind: 'incident_updated', pageKey: 'gone', title: 't', body: 'b', url: '', lines: 'l'.repeat(100) })) }
      await fakeBrowser.storage.local.set({ 'page:gone.example.com': junk, history: oldHistory })
      // Not a byte to spare: OpenAI's incident (its state grows by more than the two oldest
      // history entries it pushes out) is refused at first.
      quotas = installQuotas(() => clock.now, { localBytes: await itemsBytes() })
      serveOpenAi('opened')
      await fireAlarm(clock, clock.now + MINUTE)

      expect(calls.created).toContain(opened(openaiPage().key))
      const all = await stored()
      expect(quotas.refused[0]).toBe('QUOTA_BYTES quota exceeded')
      expect(all['page:gone.example.com']).toBeUndefined()
      expect((all.history as { entries: unknown[] }).entries.length).toBeLessThan(150)
      expect((all.schedule?.pages[openaiPage().key])?.e).toBeUndefined()
    }, 30_000)
  })

  async function itemsBytes(): Promise<number> {
    return Object.entries(await fakeBrowser.storage.local.get(null)).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0)
  }

  describe('one page fails alone', () => {
    type Fault = 'fetch' | 'record read' | 'commit' | 'checkpoint' | 'notification'
    const FAULTS: readonly Fault[] = ['fetch', 'record read', 'commit', 'checkpoint', 'notification']

    it('any single page throwing at any step leaves every other page polled and the alarm armed', async () => {
      const pages = () => [openaiPage(), ...others.slice(0, 3).map((server, i) => watched(server.origin, 'statuspage', `Page ${i}`))]
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.constantFrom(...FAULTS), async (victim, fault) => {
          resetBrowser()
          granted.add('http://127.0.0.1/*')
          clock = { now: Date.UTC(2025, 3, 8, 17, 0) }
          serveOpenAi('opened')
          others.slice(0, 3).forEach((server, i) => server.set(SUMMARY, json(sampleText(i === 0 ? 'statuspage/instructure-summary-2021-12-07.json' : 'statuspage/codametrix-summary-2026-08-02.json'))))
          const watchedPages = pages()
          const target = watchedPages[victim]
          if (target === undefined) throw new Error('no victim')
          const key = target.key
          await storeSettings(watchedPages)
          const base = testDeps(clock, { timeoutMs: 5_000 })
          const broken = new Error(`injected ${fault} fault`)
          const faulty: TestDeps = {
            ...base,
            fetch: (url, init) => {
              if (fault === 'fetch' && url.startsWith(target.url.replace(/\/$/, ''))) throw broken
              return base.fetch(url, init)
            },
            checkpoint: (step) => {
              if (fault === 'checkpoint' && step === `polled:${key}`) throw broken
              base.checkpoint(step)
            },
          }
          const restore = injectStorageFault(fault, key, target.key, broken)
          try {
            deps = await bootWorker(faulty)
            await install()
          } finally {
            restore()
          }
          const all = await stored()
          for (const page of watchedPages) {
            if (page.key === key) continue
            expect(all.schedule?.pages[page.key], page.key).toMatchObject({ c: clock.now })
            expect(all.schedule?.pages[page.key]?.e, page.key).toBeUndefined()
          }
          const failed = all.schedule?.pages[key]
          expect(failed?.c).toBe(clock.now)
          expect(failed?.d ?? 0).toBeGreaterThan(clock.now)
          expect(await alarmTime()).not.toBeNull()
          expect((await alarmTime()) ?? Infinity).toBeLessThanOrEqual(clock.now + MINUTE)
        }),
        { numRuns: 20, endOnFailure: true },
      )
    }, 120_000)

    /** Makes the fake browser refuse one page's storage or notification calls; returns the undo. */
    function injectStorageFault(fault: Fault, pageKey: string, _page: string, error: Error): () => void {
      const local = fakeBrowser.storage.local
      const notifications = fakeBrowser.notifications
      const { get, set } = local
      const { create } = notifications
      const refuse = (hit: boolean, call: () => unknown): unknown => (hit ? Promise.reject(error) : call())
      if (fault === 'record read') Object.assign(local, { get: (...args: unknown[]) => refuse(JSON.stringify(args).includes(`page:${pageKey}`), () => Reflect.apply(get, local, args)) })
      if (fault === 'commit') Object.assign(local, { set: (...args: unknown[]) => refuse(JSON.stringify(Object.keys(args[0] ?? {})).includes(`page:${pageKey}`), () => Reflect.apply(set, local, args)) })
      if (fault === 'notification') Object.assign(notifications, { create: (...args: unknown[]) => refuse(String(args[0]).startsWith(`${pageKey}|`), () => Reflect.apply(create, notifications, args)) })
      return () => {
        Object.assign(local, { get, set })
        Object.assign(notifications, { create })
      }
    }
  })

  describe('time', () => {
    it('the clock set 3 hours back: the next wake-up polls at once, and an incident two minutes later is announced', async () => {
      serveOpenAi('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      const before = openai.requests.length
      clock.now -= 3 * HOUR
      // Any wake-up notices: the popup's message here. The alarm set by the old clock is 3 h away.
      await sendMessage('getState', {})
      await vi.waitFor(async () => expect(await alarmTime()).toBeLessThanOrEqual(clock.now + MINUTE))
      serveOpenAi('opened')
      clock.now += 2 * MINUTE
      await fireAlarm(clock)
      expect(openai.requests.length).toBeGreaterThan(before)
      expect(calls.created).toContain(opened(openaiPage().key))
    })

    it('the clock jumped ahead (or the machine slept): the due page is polled once at once, not in a storm', async () => {
      serveOpenAi('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      serveOpenAi('opened')
      const before = openai.requests.length
      clock.now += 3 * HOUR
      await fireAlarm(clock)
      // One poll, and one read of the page's history for what happened in those 3 hours.
      expect(openai.requests.slice(before).map((r) => r.path.split('?')[0])).toEqual(['/proxy/127.0.0.1', '/api/v2/incidents.json', '/proxy/127.0.0.1/component_impacts'])
      // Told as one catch-up, not as a storm of separate notifications.
      expect(calls.created.filter((id) => id.includes('|*away:'))).toHaveLength(1)
      expect(calls.created.filter((id) => !id.includes('|*away:'))).toEqual([])
      expect(await alarmTime()).toBe(clock.now + 15_000)
    })

    it('a corrupt due time far in the future (d: 9e15) is not believed', async () => {
      serveOpenAi('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      await fakeBrowser.storage.local.set({ schedule: { version: 1, pages: { [openaiPage().key]: { c: clock.now, o: clock.now, d: 9e15 } } } })
      serveOpenAi('opened')
      await fireAlarm(clock, clock.now + MINUTE)
      expect(calls.created).toContain(opened(openaiPage().key))
    })

    it('a wake-up whose alarm is lost (it died before re-arming) is followed by the alarm repeating a minute later', async () => {
      serveOpenAi('healthy')
      await storeSettings([openaiPage()])
      await boot()
      await install()
      expect((await fakeBrowser.alarms.get('poll'))?.periodInMinutes).toBe(1)
      // The worker dies right after the alarm fired: nothing re-arms it; Chrome moves it on by its period.
      deps.killAt(1)
      await fireAlarm(clock, clock.now + MINUTE)
      await boot()
      const next = await alarmTime()
      expect(next).toBe(clock.now + MINUTE)
      serveOpenAi('opened')
      await fireAlarm(clock, next ?? 0)
      expect(calls.created).toContain(opened(openaiPage().key))
    })
  })

  describe('a removed page', () => {
    it('says nothing once removed, even when its visit was in flight', async () => {
      const other = others[0]
      if (other === undefined) throw new Error('no server')
      other.set(SUMMARY, json(sampleText('statuspage/codametrix-summary-2026-08-02.json')))
      const page = watched(other.origin, 'statuspage', 'Soon gone')
      serveOpenAi('healthy')
      await storeSettings([openaiPage(), page])
      await boot()
      await install()
      // Its next answer carries an incident, and is slow.
      let release: () => void = () => {}
      let waiting = false
      const gate = new Promise<void>((resolve) => (release = resolve))
      const fetchNow = deps.fetch
      Object.assign(deps, {
        fetch: async (url: string, init: Parameters<typeof fetchNow>[1]) => {
          if (!url.startsWith(other.origin)) return fetchNow(url, init)
          waiting = true
          await gate
          return fetchNow(url, init)
        },
      })
      other.set(SUMMARY, json(sampleText('statuspage/instructure-summary-2021-12-07.json')))
      const polling = fireAlarm(clock, clock.now + MINUTE)
      await vi.waitFor(() => expect(waiting).toBe(true))
      expect(await sendMessage('removePage', { pageKey: page.key })).toMatchObject({ ok: true })
      release()
      await polling
      expect(calls.created.filter((id) => id.startsWith(`${page.key}|`))).toEqual([])
      const all = await stored()
      expect(all[`page:${page.key}`]).toBeUndefined()
      expect(JSON.stringify(all.outbox ?? {})).not.toContain(page.key)
    })
  })
})
