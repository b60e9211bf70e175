import { describe, expect, it } from 'vitest'
import { diffSnapshot } from '../../../src/diff.ts'
import { detectPlatform } from '../../../src/detect.ts'
import { pollPage } from '../../../src/monitor.ts'
import { initialPageState } from '../../../src/page-state.ts'
import { apiOriginsOf } from '../../../src/providers/api-origins.ts'
import { detectionOrder } from '../../../src/providers/index.ts'
import { parseStatusHub, statushub } from '../../../src/providers/statushub.ts'
import { recordingDeps } from '../../support/recording-fetch.ts'
import { failure, value } from '../../support/result.ts'
import { sampleJson, sampleText } from '../../support/samples.ts'

const BUILT = 'statushub/counters-built-2026-11-30.json'
const WPENGINE = new URL('https://wpenginestatus.com/')

const counters = (up: unknown, affected: unknown, down: unknown): unknown => ({ counters: { count_status_1: up, count_status_2: affected, count_status_3: down } })

describe('StatusHub: the page’s counters (built from the shape public clients read)', () => {
  it('11 services up and 1 affected: minor, and one open incident in the page’s own numbers; the page is named by its host', () => {
    const s = value(parseStatusHub(sampleJson(BUILT), WPENGINE))
    expect(s).toEqual({
      platform: 'statushub',
      page: { name: 'wpenginestatus.com', url: 'https://wpenginestatus.com' },
      level: 'minor',
      components: [],
      groups: [],
      incidents: [
        {
          id: 'services',
          name: 'Services affected or down',
          status: 'investigating',
          impact: 'minor',
          url: 'https://wpenginestatus.com',
          startedAt: null,
          updates: [{ id: 'counts-11-1-0', status: 'investigating', text: 'StatusHub counts 11 services up, 1 affected and 0 down.', at: null }],
          componentIds: [],
        },
      ],
      maintenances: [],
    })
  })

  it('through the engine: the counts open one incident, a change of counts is an update, all up again ends it', () => {
    const at = (up: number, affected: number, down: number) => value(parseStatusHub(counters(up, affected, down), WPENGINE))
    const opened = diffSnapshot(diffSnapshot(null, at(12, 0, 0)).seen, at(11, 1, 0))
    expect(opened.events.map((e) => e.kind)).toEqual(['incident_opened'])
    const worse = diffSnapshot(opened.seen, at(10, 1, 1))
    expect(worse.events.map((e) => (e.kind === 'incident_updated' ? [e.kind, e.update.text] : [e.kind]))).toEqual([['incident_updated', 'StatusHub counts 10 services up, 1 affected and 1 down.']])
    expect(diffSnapshot(worse.seen, at(10, 1, 1)).events).toEqual([])
    // Gone from one answer is only missing (diff.ts); the second answer in a row confirms the end.
    const missing = diffSnapshot(worse.seen, at(12, 0, 0))
    expect(missing.events).toEqual([])
    expect(diffSnapshot(missing.seen, at(12, 0, 0)).events.map((e) => e.kind)).toEqual(['incident_resolved'])
  })

  it('the incident lasts while anything is affected or down, is major while anything is down, and each change of counts is a new update', () => {
    expect(value(parseStatusHub(counters(12, 0, 0), WPENGINE)).incidents).toEqual([])
    const down = value(parseStatusHub(counters(10, 1, 1), WPENGINE)).incidents[0]
    expect(down).toMatchObject({ id: 'services', impact: 'major' })
    expect(down?.updates.map((u) => [u.id, u.text])).toEqual([['counts-10-1-1', 'StatusHub counts 10 services up, 1 affected and 1 down.']])
    expect(value(parseStatusHub(counters(1, 2, 0), WPENGINE)).incidents[0]?.updates[0]?.text).toBe('StatusHub counts 1 service up, 2 affected and 0 down.')
  })

  it('any service down is major, whatever else is affected; all up is operational', () => {
    expect(value(parseStatusHub(counters(10, 1, 1), WPENGINE)).level).toBe('major')
    expect(value(parseStatusHub(counters(0, 0, 3), WPENGINE)).level).toBe('major')
    expect(value(parseStatusHub(counters(12, 0, 0), WPENGINE)).level).toBe('operational')
  })

  it('fields beside the counters are left alone', () => {
    expect(value(parseStatusHub({ counters: { count_status_1: 3, count_status_2: 0, count_status_3: 0, count_status_4: 'x' }, services: null }, WPENGINE)).level).toBe('operational')
  })

  it('reads the page’s own /api/statuses, under a page path too, and no other host', () => {
    expect(statushub.endpoints(WPENGINE).map((e) => e.url)).toEqual(['https://wpenginestatus.com/api/statuses'])
    expect(statushub.endpoints(new URL('https://acme.statushub.io/hub/')).map((e) => e.url)).toEqual(['https://acme.statushub.io/hub/api/statuses'])
    expect(apiOriginsOf('statushub')).toEqual([])
  })
})

describe('StatusHub: hostile shapes', () => {
  const kind = (json: unknown): string => {
    const result = parseStatusHub(json, WPENGINE)
    return result.ok ? 'ok' : failure(result).kind
  }

  it('a body without the three counts as whole numbers is bad_shape', () => {
    for (const json of [null, [], 'text', 42, {}, { counters: null }, { counters: [] }, { counters: { count_status_1: 1 } }]) expect(kind(json), JSON.stringify(json)).toBe('bad_shape')
    for (const bad of [null, '1', -1, 1.5, Number.NaN, 1e300, true, {}]) {
      expect(kind(counters(bad, 0, 0)), String(bad)).toBe('bad_shape')
      expect(kind(counters(1, bad, 0)), String(bad)).toBe('bad_shape')
      expect(kind(counters(1, 0, bad)), String(bad)).toBe('bad_shape')
    }
  })

  it('a hub that counts no service is not read as healthy', () => {
    expect(failure(parseStatusHub(counters(0, 0, 0), WPENGINE)).message).toContain('at least one service counted')
  })
})

describe('StatusHub: detection and polling', () => {
  const site = recordingDeps
  const json = (): Response => new Response(sampleText(BUILT), { headers: { 'content-type': 'application/json' } })

  it('WP Engine’s page (the catalog’s) is tried as StatusHub first: one request', async () => {
    expect(detectionOrder(WPENGINE)[0]).toBe('statushub')
    const { deps, asked } = site((url) => (url === 'https://wpenginestatus.com/api/statuses' ? json() : null))
    const found = value(await detectPlatform(WPENGINE, deps))
    expect(found.platform).toBe('statushub')
    expect(found.snapshot.level).toBe('minor')
    expect(asked).toEqual(['https://wpenginestatus.com/api/statuses'])
  })

  it('a page on its own hosts is tried as StatusHub first', async () => {
    const { deps, asked } = site((url) => (url === 'https://acme.statushub.io/api/statuses' ? json() : null))
    expect(value(await detectPlatform(new URL('https://acme.statushub.io/'), deps)).platform).toBe('statushub')
    expect(asked).toEqual(['https://acme.statushub.io/api/statuses'])
  })

  it('elsewhere it is probed only when the page names StatusHub: another domain pays no extra request for it', async () => {
    const { deps, asked } = site((url) =>
      url === 'https://status.example.com/api/statuses' ? json() : url === 'https://status.example.com/' ? new Response('<p>Our status</p>', { headers: { 'content-type': 'text/html' } }) : null,
    )
    const found = failure(await detectPlatform(new URL('https://status.example.com/'), deps))
    expect(asked).not.toContain('https://status.example.com/api/statuses')
    expect(found.message).toContain('statushub: the page does not name StatusHub')
    const named = site((url) =>
      url === 'https://status.example.com/api/statuses' ? json() : url === 'https://status.example.com/' ? new Response('<a href="https://www.statushub.com">Powered by StatusHub</a>', { headers: { 'content-type': 'text/html' } }) : null,
    )
    expect(value(await detectPlatform(new URL('https://status.example.com/'), named.deps)).platform).toBe('statushub')
    expect(named.asked.filter((url) => url.endsWith('/api/statuses'))).toEqual(['https://status.example.com/api/statuses'])
  })

  it('a hinted host whose /api/statuses is something else is not StatusHub, and detection goes on', async () => {
    const { deps, asked } = site((url) => (url === 'https://wpenginestatus.com/api/statuses' ? new Response('[{"id":1,"label":"open"}]', { headers: { 'content-type': 'application/json' } }) : null))
    const found = failure(await detectPlatform(WPENGINE, deps))
    expect(found.message).toContain('statushub')
    expect(asked.indexOf('https://wpenginestatus.com/history.atom')).toBeGreaterThan(asked.indexOf('https://wpenginestatus.com/api/statuses'))
  })

  it('a poll reads /api/statuses and keeps the level', async () => {
    const asked: string[] = []
    const outcome = await pollPage(
      { page: { base: WPENGINE.href, platform: 'statushub' }, state: initialPageState() },
      {
        timeoutSignal: (ms) => AbortSignal.timeout(ms),
        now: () => 1_750_000_000_000,
        random: () => 0.5,
        fetch: (url) => {
          asked.push(url)
          return Promise.resolve(json())
        },
      },
    )
    expect(asked).toEqual(['https://wpenginestatus.com/api/statuses'])
    expect(outcome.state.snapshot?.level).toBe('minor')
  })
})
