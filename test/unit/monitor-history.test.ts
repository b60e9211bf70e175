import { describe, expect, it } from 'vitest'
import type { MonitorEvent } from '../../src/events.ts'
import type { FetchLike } from '../../src/fetch-json.ts'
import { pollPage, type PollDeps, type PollTarget } from '../../src/monitor.ts'
import { initialPageState, type PageState } from '../../src/page-state.ts'
import { editedSample, isObject, sampleJson } from '../support/samples.ts'

// pollPage end to end with the real providers, the network a function of the URL.

interface Asked {
  readonly url: string
  readonly revalidate: boolean
  readonly ifNoneMatch: string | null
}

/** A body per URL (null: 404; a number: that status, empty); `etag` answers 304 to its own validator. */
type Route = (url: string) => { body: unknown; etag?: string } | number | null

function network(route: Route, clock: { now: number }): { deps: PollDeps; asked: Asked[] } {
  const asked: Asked[] = []
  const fetch: FetchLike = (url, init) => {
    const ifNoneMatch = init.headers['if-none-match'] ?? null
    asked.push({ url, revalidate: init.revalidate === true, ifNoneMatch })
    const answer = route(url)
    if (answer === null) return Promise.resolve(new Response('not found', { status: 404 }))
    if (typeof answer === 'number') return Promise.resolve(new Response('', { status: answer }))
    if (answer.etag !== undefined && ifNoneMatch === answer.etag) return Promise.resolve(new Response(null, { status: 304, headers: { etag: answer.etag } }))
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (answer.etag !== undefined) headers.etag = answer.etag
    return Promise.resolve(new Response(JSON.stringify(answer.body), { headers }))
  }
  return { asked, deps: { fetch, timeoutSignal: (ms) => AbortSignal.timeout(ms), now: () => clock.now, random: () => 0.5 } }
}

const MIN = 60_000
const HOUR = 60 * MIN

const brief = (events: readonly MonitorEvent[]) =>
  events.map((e) => ('update' in e ? { key: e.key, update: e.update === null ? null : { status: e.update.status, text: e.update.text, at: e.update.at } } : { key: e.key }))

// --- Statuspage: CodaMetrix, recorded 2026-08-02

const CODAMETRIX: PollTarget = { base: 'https://status.codametrix.com/', platform: 'statuspage' }
const SUMMARY_URL = 'https://status.codametrix.com/api/v2/summary.json'
const INCIDENTS_URL = 'https://status.codametrix.com/api/v2/incidents.json'
const SUMMARY = 'statuspage/codametrix-summary-2026-08-02.json'
const INCIDENTS = 'statuspage/codametrix-incidents-2026-08-02.json'
const DASHBOARD = 'q7gd3y91r8sd'
const IDENTIFIED_AT = Date.parse('2026-05-08T10:49:55.000-04:00')
const MONITORING_AT = Date.parse('2026-05-08T15:54:54.117-04:00')
const RESOLVED_AT = Date.parse('2026-05-08T16:54:24.137-04:00')

const resolvedAt = (record: unknown): number => (isObject(record) && typeof record.resolved_at === 'string' ? Date.parse(record.resolved_at) : Number.NaN)

/** incidents.json at `at`, told by what had ended by then (all the recorded ones are closed). */
function incidentsAsOf(at: number): unknown {
  return editedSample(INCIDENTS, (root) => {
    const list: unknown = root.incidents
    root.incidents = Array.isArray(list) ? list.filter((r: unknown) => resolvedAt(r) <= at) : []
  })
}

/** The real summary with "Dashboard delay" listed as it stood at 11:00 ET: identified, nothing more. */
function summaryWithDashboardOpen(): unknown {
  const root = sampleJson(INCIDENTS)
  const list: unknown = isObject(root) ? root.incidents : undefined
  const record: unknown = Array.isArray(list) ? list.find((r: unknown) => isObject(r) && r.id === DASHBOARD) : undefined
  if (!isObject(record) || !Array.isArray(record.incident_updates)) throw new Error('no Dashboard delay')
  const updates = record.incident_updates.filter((u: unknown) => isObject(u) && u.status === 'identified')
  return editedSample(SUMMARY, (summary) => void (summary.incidents = [{ ...record, status: 'identified', resolved_at: null, incident_updates: updates }]))
}

const historyAsks = (asked: readonly Asked[]): Asked[] => asked.filter((a) => a.url !== SUMMARY_URL)

/** A first poll at `clock.now` (the history then as of that time), then the clock moved on by `after`. */
async function primed(summary: unknown, clock: { now: number }, after: number): Promise<PageState> {
  const at = clock.now
  const { deps } = network((url) => (url === SUMMARY_URL ? { body: summary, etag: '"v1"' } : url === INCIDENTS_URL ? { body: incidentsAsOf(at) } : null), clock)
  const first = await pollPage({ page: CODAMETRIX, state: initialPageState() }, deps)
  expect(first.occasion).toEqual({ kind: 'first_sight' })
  clock.now += after
  return first.state
}

describe('pollPage reads the Statuspage history when the summary cannot tell', () => {
  it('an open incident dropped from summary.json: one read of incidents.json, the page\'s own words at once', async () => {
    const clock = { now: RESOLVED_AT - MIN }
    const state = await primed(summaryWithDashboardOpen(), clock, 2 * MIN)
    const { deps, asked } = network((url) => (url === SUMMARY_URL ? { body: sampleJson(SUMMARY), etag: '"v2"' } : url === INCIDENTS_URL ? { body: incidentsAsOf(clock.now) } : null), clock)
    const outcome = await pollPage({ page: CODAMETRIX, state }, deps)
    expect(asked).toEqual([
      { url: SUMMARY_URL, revalidate: false, ifNoneMatch: '"v1"' },
      { url: INCIDENTS_URL, revalidate: true, ifNoneMatch: null },
    ])
    expect(outcome.occasion).toEqual({ kind: 'poll' })
    expect(brief(outcome.events)).toEqual([
      { key: `incident:${DASHBOARD}:update:17b54ygb1k1x`, update: { status: 'monitoring', text: 'A fix has been implemented and we are monitoring the results.', at: MONITORING_AT } },
      { key: `incident:${DASHBOARD}:resolved`, update: { status: 'resolved', text: 'This incident has been resolved.', at: RESOLVED_AT } },
    ])
    expect(outcome.state.seen?.missingIncidents).toEqual([])
    expect(outcome.state.snapshot?.incidents).toEqual([])

    // The next answer, the same: nothing to read, nothing to say.
    clock.now += MIN
    const again = await pollPage({ page: CODAMETRIX, state: outcome.state }, deps)
    expect(again).toMatchObject({ result: 'not_modified', events: [] })
    expect(historyAsks(asked)).toHaveLength(1)
  })

  for (const second of ['same body', '304'] as const) {
    it(`incidents.json fails: nothing at the first answer, ended with no words at the second (${second}), reading again once`, async () => {
      const clock = { now: RESOLVED_AT - MIN }
      const state = await primed(summaryWithDashboardOpen(), clock, 2 * MIN)
      const etag = second === '304' ? '"v2"' : undefined
      const { deps, asked } = network((url) => (url === SUMMARY_URL ? { body: sampleJson(SUMMARY), ...(etag === undefined ? {} : { etag }) } : url === INCIDENTS_URL ? 500 : null), clock)
      const first = await pollPage({ page: CODAMETRIX, state }, deps)
      expect(first.result).toBe('changed')
      expect(first.events).toEqual([])
      expect(first.state.seen?.missingIncidents.map((r) => r.id)).toEqual([DASHBOARD])
      expect(historyAsks(asked)).toHaveLength(1)

      clock.now += 15_000
      const confirmed = await pollPage({ page: CODAMETRIX, state: first.state }, deps)
      expect(brief(confirmed.events)).toEqual([{ key: `incident:${DASHBOARD}:resolved`, update: null }])
      expect(confirmed.occasion).toEqual({ kind: 'poll' })
      expect(confirmed.state.seen?.missingIncidents).toEqual([])
      expect(historyAsks(asked)).toEqual([
        { url: INCIDENTS_URL, revalidate: true, ifNoneMatch: null },
        { url: INCIDENTS_URL, revalidate: true, ifNoneMatch: null },
      ])
      expect(asked.filter((a) => a.url === SUMMARY_URL).map((a) => a.ifNoneMatch)).toEqual(['"v1"', etag ?? null])
    })
  }

  it('an ordinary healthy poll reads no history, changed, same body or 304', async () => {
    const clock = { now: Date.parse('2026-08-02T15:00:00-04:00') }
    const state = await primed(sampleJson(SUMMARY), clock, MIN)
    const changed = editedSample(SUMMARY, (root) => void (root.status = { indicator: 'none', description: 'All good' }))
    for (const answer of [{ body: changed, etag: '"v2"' }, { body: changed }, { body: sampleJson(SUMMARY), etag: '"v1"' }]) {
      const { deps, asked } = network((url) => (url === SUMMARY_URL ? answer : { body: sampleJson(INCIDENTS) }), clock)
      const outcome = await pollPage({ page: CODAMETRIX, state }, deps)
      expect(outcome.result).not.toBe('error')
      expect(outcome).toMatchObject({ events: [], occasion: { kind: 'poll' }, backfill: [] })
      expect(asked.map((a) => [a.url, a.revalidate])).toEqual([[SUMMARY_URL, false]])
    }
  })

  it('away for 6 hours, the summary a 304: the history tells what opened and ended meanwhile, once', async () => {
    const clock = { now: Date.parse('2026-05-08T10:40:00-04:00') }
    const lastOk = clock.now
    const state = await primed(sampleJson(SUMMARY), clock, 6 * HOUR + 20 * MIN)
    expect(state.lastOkAt).toBe(lastOk)
    const { deps, asked } = network((url) => (url === SUMMARY_URL ? { body: sampleJson(SUMMARY), etag: '"v1"' } : url === INCIDENTS_URL ? { body: incidentsAsOf(clock.now) } : null), clock)
    const outcome = await pollPage({ page: CODAMETRIX, state }, deps)
    expect(asked).toEqual([
      { url: SUMMARY_URL, revalidate: false, ifNoneMatch: '"v1"' },
      { url: INCIDENTS_URL, revalidate: true, ifNoneMatch: null },
    ])
    expect(outcome.occasion).toEqual({ kind: 'catch_up', since: lastOk, why: 'away' })
    expect(brief(outcome.events)).toEqual([
      { key: `incident:${DASHBOARD}:opened`, update: expect.objectContaining({ status: 'identified', at: IDENTIFIED_AT }) },
      { key: `incident:${DASHBOARD}:resolved`, update: { status: 'resolved', text: 'This incident has been resolved.', at: RESOLVED_AT } },
    ])
    expect(outcome.backfill).toEqual([])
    expect(outcome.stateChanged).toBe(true)

    // Back to ordinary: the next 304 reads nothing and says nothing.
    clock.now += MIN
    const next = await pollPage({ page: CODAMETRIX, state: outcome.state }, deps)
    expect(next).toMatchObject({ result: 'not_modified', events: [], occasion: { kind: 'poll' } })
    expect(historyAsks(asked)).toHaveLength(1)
  })

  it('unreachable while we kept asking: the first answer back is a catch-up "unreachable" since the last answer', async () => {
    const clock = { now: Date.parse('2026-05-08T10:40:00-04:00') }
    const lastOk = clock.now
    let state = await primed(sampleJson(SUMMARY), clock, MIN)
    const down = network(() => 503, clock)
    while (clock.now - lastOk < 30 * MIN) {
      const failed = await pollPage({ page: CODAMETRIX, state }, down.deps)
      expect(failed).toMatchObject({ result: 'error', events: [], occasion: { kind: 'poll' } })
      state = failed.state
      clock.now = failed.nextDueAt
    }
    // Failures read no history: only the summary was asked.
    expect(down.asked.every((a) => a.url === SUMMARY_URL)).toBe(true)
    const { deps, asked } = network((url) => (url === SUMMARY_URL ? { body: sampleJson(SUMMARY), etag: '"v1"' } : url === INCIDENTS_URL ? { body: incidentsAsOf(clock.now) } : null), clock)
    const back = await pollPage({ page: CODAMETRIX, state }, deps)
    expect(back.occasion).toEqual({ kind: 'catch_up', since: lastOk, why: 'unreachable' })
    expect(back.events).toEqual([])
    expect(historyAsks(asked)).toEqual([{ url: INCIDENTS_URL, revalidate: true, ifNoneMatch: null }])
  })

  it('first sight: the ongoing once, the last days as backfill, nothing told twice', async () => {
    const clock = { now: Date.parse('2026-07-01T00:00:00-04:00') }
    // "Codametrix System Maintenance" (83dyq5fyccv9) still listed as investigating.
    const root = sampleJson(INCIDENTS)
    const list: unknown = isObject(root) ? root.incidents : undefined
    const record: unknown = Array.isArray(list) ? list.find((r: unknown) => isObject(r) && r.id === '83dyq5fyccv9') : undefined
    if (!isObject(record) || !Array.isArray(record.incident_updates)) throw new Error('no 83dyq5fyccv9')
    const open = { ...record, status: 'investigating', resolved_at: null, incident_updates: record.incident_updates.slice(1) }
    const summary = editedSample(SUMMARY, (s) => void (s.incidents = [open]))
    const { deps, asked } = network((url) => (url === SUMMARY_URL ? { body: summary } : url === INCIDENTS_URL ? { body: incidentsAsOf(clock.now) } : null), clock)
    const outcome = await pollPage({ page: CODAMETRIX, state: initialPageState() }, deps)
    expect(outcome.occasion).toEqual({ kind: 'first_sight' })
    expect(outcome.events.map((e) => e.key)).toEqual(['incident:83dyq5fyccv9:opened'])
    // ypr5f65wbzrw closed 2026-06-29; 83dyq5fyccv9 is listed, so it is not history.
    expect(brief(outcome.backfill)).toEqual([
      { key: 'incident:ypr5f65wbzrw:resolved', update: expect.objectContaining({ status: 'resolved', at: Date.parse('2026-06-29T18:00:48.129-04:00') }) },
    ])
    expect(historyAsks(asked)).toEqual([{ url: INCIDENTS_URL, revalidate: true, ifNoneMatch: null }])
  })

  it('first sight with the history unreadable: no backfill, the poll still succeeds', async () => {
    const clock = { now: Date.parse('2026-07-01T00:00:00-04:00') }
    const { deps } = network((url) => (url === SUMMARY_URL ? { body: sampleJson(SUMMARY) } : 500), clock)
    const outcome = await pollPage({ page: CODAMETRIX, state: initialPageState() }, deps)
    expect(outcome).toMatchObject({ result: 'changed', events: [], backfill: [], occasion: { kind: 'first_sight' } })
  })
})

// --- incident.io: OpenAI, recorded 2025-04-08

const OPENAI: PollTarget = { base: 'https://status.openai.com/', platform: 'incidentio' }
const PROXY_URL = 'https://status.openai.com/proxy/status.openai.com'
const IMPACTS_PREFIX = 'https://status.openai.com/proxy/status.openai.com/component_impacts?'
const SORA = '01JRB888M6TJVDDKGCA1YZ3ZHT'

describe('pollPage reads incident.io\'s component impacts when an incident leaves', () => {
  it('a dropped open incident the impacts call resolved: resolved, wordless, at the impact\'s end', async () => {
    const clock = { now: Date.parse('2025-04-08T18:00:00Z') }
    const summary = sampleJson('incidentio/openai-proxy-summary-2025-04-08.json')
    const impacts = sampleJson('incidentio/openai-proxy-component-impacts-2025-04.json')
    const first = network((url) => (url === PROXY_URL ? { body: summary } : url.startsWith(IMPACTS_PREFIX) ? { body: impacts } : null), clock)
    const seen = await pollPage({ page: OPENAI, state: initialPageState() }, first.deps)
    expect(seen.occasion).toEqual({ kind: 'first_sight' })
    expect(seen.events.filter((e) => e.kind === 'incident_opened').map((e) => e.key)).toEqual([`incident:${SORA}:opened`])
    expect(first.asked.filter((a) => a.url.startsWith(IMPACTS_PREFIX)).map((a) => a.revalidate)).toEqual([true])

    clock.now += MIN
    const ended = editedSample('incidentio/openai-proxy-summary-2025-04-08.json', (root) => {
      if (isObject(root.summary)) root.summary.ongoing_incidents = []
    })
    const resolvedImpacts = editedSample('incidentio/openai-proxy-component-impacts-2025-04.json', (root) => {
      for (const link of Array.isArray(root.incident_links) ? root.incident_links : []) if (isObject(link) && link.id === SORA) link.status = 'resolved'
      for (const impact of Array.isArray(root.component_impacts) ? root.component_impacts : [])
        if (isObject(impact) && impact.status_page_incident_id === SORA) impact.end_at = '2025-04-08T17:59:30Z'
    })
    const { deps, asked } = network((url) => (url === PROXY_URL ? { body: ended } : url.startsWith(IMPACTS_PREFIX) ? { body: resolvedImpacts } : null), clock)
    const outcome = await pollPage({ page: OPENAI, state: seen.state }, deps)
    expect(outcome.occasion).toEqual({ kind: 'poll' })
    expect(brief(outcome.events.filter((e) => e.kind !== 'component_changed'))).toEqual([
      { key: `incident:${SORA}:resolved`, update: { status: 'resolved', text: '', at: Date.parse('2025-04-08T17:59:30Z') } },
    ])
    // The compatible incidents.json first (it has the page's words); it is not served here.
    expect(asked.map((a) => [a.url.startsWith(IMPACTS_PREFIX) ? 'impacts' : a.url, a.revalidate])).toEqual([
      [PROXY_URL, false],
      ['https://status.openai.com/api/v2/incidents.json', true],
      ['impacts', true],
    ])
  })
})
