import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEFAULT_MAX_BYTES, type FetchLike } from '../../src/fetch-json.ts'
import { sha256Hex } from '../../src/hash.ts'
import type { Platform, Snapshot } from '../../src/model.ts'
import { pollPage, type PollDeps, type PollOutcome } from '../../src/monitor.ts'
import { initialPageState, parsePageState, parseSnapshot, type PageState } from '../../src/page-state.ts'
import { pollError } from '../../src/poll-error.ts'
import type { Endpoint, Provider } from '../../src/providers/provider.ts'
import { err, ok, type Result } from '../../src/result.ts'
import { HEALTHY_INTERVAL_MS, DISTURBED_INTERVAL_MS } from '../../src/schedule.ts'
import type { PollError } from '../../src/poll-error.ts'
import { sampleText } from '../support/samples.ts'
import { closedPort, send, startTestServer, streamBytes, type TestServer } from '../support/test-server.ts'

// --- a provider whose JSON is the Snapshot itself, so each case controls the parse exactly

const healthy: Snapshot = {
  platform: 'statuspage',
  page: { name: 'Example', url: 'https://status.example.com' },
  level: 'operational',
  components: [
    { id: 'api', name: 'API', groupId: null, status: 'operational' },
    { id: 'web', name: 'Web', groupId: null, status: 'operational' },
  ],
  groups: [],
  incidents: [],
  maintenances: [],
}
const degraded: Snapshot = {
  ...healthy,
  level: 'minor',
  components: [
    { id: 'api', name: 'API', groupId: null, status: 'degraded_performance' },
    { id: 'web', name: 'Web', groupId: null, status: 'operational' },
  ],
}

function parseFake(json: unknown): Result<Snapshot, PollError> {
  const snapshot = parseSnapshot(json)
  return snapshot === null ? err(pollError('bad_shape', 'not a snapshot')) : ok(snapshot)
}

interface Fake {
  provider: (platform: Platform) => Provider
  parses: ReturnType<typeof vi.fn<(json: unknown) => Result<Snapshot, PollError>>>[]
}

/** A provider with one endpoint per path, each with its own spied parse. */
function fakeProvider(paths: readonly string[] = ['/api/v2/summary.json']): Fake {
  const parses = paths.map(() => vi.fn(parseFake))
  return {
    parses,
    provider: (platform) => ({
      platform,
      endpoints: (base) =>
        paths.map((path, i): Endpoint => ({ url: new URL(path, base).href, parse: (json) => (parses[i] ?? vi.fn(parseFake))(json) })),
    }),
  }
}

const T0 = 1_750_000_000_000

function depsFor(fake: Fake, overrides: Partial<PollDeps> = {}): PollDeps & { clock: { now: number } } {
  const clock = { now: T0 }
  return {
    clock,
    fetch: (url, init) => fetch(url, init),
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
    now: () => clock.now,
    random: () => 0.5,
    providerFor: fake.provider,
    ...overrides,
  }
}

const json = (value: unknown): string => JSON.stringify(value)
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }

/** The invariants of every error: nothing announced, nothing learnt, nothing forgotten. */
function expectErrorKeepsState(outcome: PollOutcome, before: PageState, kind: PollError['kind']): void {
  expect(outcome.result).toBe('error')
  expect(outcome.state.lastError?.kind).toBe(kind)
  expect(outcome.events).toEqual([])
  expect(outcome.stateChanged).toBe(true)
  expect(outcome.state.errorCount).toBe(before.errorCount + 1)
  const { seen, snapshot, url, etag, lastModified, bodyHash, lastOkAt } = outcome.state
  expect({ seen, snapshot, url, etag, lastModified, bodyHash, lastOkAt }).toEqual({
    seen: before.seen,
    snapshot: before.snapshot,
    url: before.url,
    etag: before.etag,
    lastModified: before.lastModified,
    bodyHash: before.bodyHash,
    lastOkAt: before.lastOkAt,
  })
  expect(outcome.nextDueAt).toBe(outcome.state.nextDueAt)
  // Stored and read back, the state is exactly the same.
  expect(parsePageState(JSON.parse(JSON.stringify(outcome.state)))).toEqual(outcome.state)
}

describe('pollPage over real HTTP', () => {
  let server: TestServer
  const page = (): { base: string; platform: Platform } => ({ base: server.origin, platform: 'statuspage' })

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })
  afterEach(() => {
    server.requests.length = 0
  })

  /** A page that polled once successfully: healthy, with an ETag. */
  async function primed(fake: Fake, body: Snapshot = healthy, headers: Record<string, string> = { etag: 'W/"v1"' }): Promise<PageState> {
    server.handle((_req, res) => send(res, 200, { ...JSON_TYPE, ...headers }, json(body)))
    const first = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
    expect(first.result).toBe('changed')
    return first.state
  }

  it('polls, then a 304 costs nothing: If-None-Match sent, no parse, no diff, no durable change', async () => {
    const fake = fakeProvider()
    const deps = depsFor(fake)
    server.handle((_req, res) =>
      send(res, 200, { ...JSON_TYPE, etag: 'W/"v1"', 'last-modified': 'Tue, 08 Apr 2025 10:00:00 GMT', 'cache-control': 'max-age=10' }, json(healthy)),
    )
    const first = await pollPage({ page: page(), state: initialPageState() }, deps)
    expect(first.result).toBe('changed')
    expect(first.stateChanged).toBe(true)
    expect(first.state).toMatchObject({
      url: `${server.origin}/api/v2/summary.json`,
      etag: 'W/"v1"',
      lastModified: 'Tue, 08 Apr 2025 10:00:00 GMT',
      bodyHash: await sha256Hex(json(healthy)),
      snapshot: healthy,
      errorCount: 0,
      lastCheckedAt: T0,
      lastOkAt: T0,
      nextDueAt: T0 + HEALTHY_INTERVAL_MS,
    })
    expect(first.state.seen).not.toBeNull()
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined()
    expect(server.requests[0]?.headers.accept).toContain('application/json')

    server.handle((req, res) => {
      if (req.headers['if-none-match'] === 'W/"v1"') send(res, 304, { etag: 'W/"v1"' })
      else send(res, 200, JSON_TYPE, json(degraded))
    })
    deps.clock.now = T0 + 60_000
    const second = await pollPage({ page: page(), state: first.state }, deps)
    expect(server.requests[1]?.headers['if-none-match']).toBe('W/"v1"')
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Tue, 08 Apr 2025 10:00:00 GMT')
    expect(second.result).toBe('not_modified')
    expect(second.events).toEqual([])
    expect(second.stateChanged).toBe(false)
    expect(fake.parses[0]).toHaveBeenCalledTimes(1)
    expect(second.state).toEqual({ ...first.state, lastCheckedAt: T0 + 60_000, lastOkAt: T0 + 60_000, nextDueAt: T0 + 120_000 })
  })

  it('an equal body is "unchanged": hashed, not parsed; rotating ETags are kept for the next request', async () => {
    const fake = fakeProvider()
    const before = await primed(fake, healthy, {})
    const deps = depsFor(fake)

    server.handle((_req, res) => send(res, 200, JSON_TYPE, json(healthy)))
    const same = await pollPage({ page: page(), state: before }, deps)
    expect(same).toMatchObject({ result: 'unchanged', events: [], stateChanged: false })
    expect(fake.parses[0]).toHaveBeenCalledTimes(1)

    server.handle((_req, res) => send(res, 200, { ...JSON_TYPE, etag: '"rotated"' }, json(healthy)))
    const rotated = await pollPage({ page: page(), state: same.state }, deps)
    expect(rotated).toMatchObject({ result: 'unchanged', events: [], stateChanged: true })
    expect(rotated.state.etag).toBe('"rotated"')
    expect(fake.parses[0]).toHaveBeenCalledTimes(1)

    // A new Last-Modified alone (same ETag) is as much worth keeping.
    server.handle((_req, res) => send(res, 200, { ...JSON_TYPE, etag: '"rotated"', 'last-modified': 'Wed, 09 Apr 2025 10:00:00 GMT' }, json(healthy)))
    const touched = await pollPage({ page: page(), state: rotated.state }, deps)
    expect(touched).toMatchObject({ result: 'unchanged', events: [], stateChanged: true })
    expect(touched.state).toMatchObject({ etag: '"rotated"', lastModified: 'Wed, 09 Apr 2025 10:00:00 GMT' })
  })

  it('a changed body is parsed and diffed into events, and disturbance speeds polling up to 15 s', async () => {
    const fake = fakeProvider()
    const before = await primed(fake)
    server.handle((_req, res) => send(res, 200, JSON_TYPE, json(degraded)))
    const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
    expect(outcome.result).toBe('changed')
    expect(outcome.events).toEqual([expect.objectContaining({ kind: 'component_changed', from: 'operational', to: 'degraded_performance' })])
    expect(outcome.state.snapshot).toEqual(degraded)
    expect(outcome.state.etag).toBeNull()
    expect(outcome.nextDueAt).toBe(T0 + DISTURBED_INTERVAL_MS)

    // Served again: no second event.
    const again = await pollPage({ page: page(), state: outcome.state }, depsFor(fake))
    expect(again).toMatchObject({ result: 'unchanged', events: [] })
  })

  it.each([
    ['a 304', { etag: 'W/"stale"' }],
    ['the same body', {}],
  ])('an incident missing from one answer ends with the next, also when that is %s', async (_what, headers: Record<string, string>) => {
    const fake = fakeProvider()
    const incident = { id: 'inc', name: 'Errors', status: 'investigating', impact: 'minor', url: null, startedAt: T0, updates: [], componentIds: [] } as const
    const before = await primed(fake, { ...healthy, incidents: [incident] })
    server.handle((req, res) => {
      if (headers.etag !== undefined && req.headers['if-none-match'] === headers.etag) send(res, 304, headers)
      else send(res, 200, { ...JSON_TYPE, ...headers }, json(healthy))
    })
    const missing = await pollPage({ page: page(), state: before }, depsFor(fake))
    // The page looks calm, but the answer that settles it should come as soon as for an incident.
    expect(missing).toMatchObject({ result: 'changed', events: [], nextDueAt: T0 + DISTURBED_INTERVAL_MS })
    // Nothing new to parse, but this second answer without the incident confirms its end.
    const confirmed = await pollPage({ page: page(), state: missing.state }, depsFor(fake))
    expect(confirmed).toMatchObject({ result: 'changed', stateChanged: true, events: [{ kind: 'incident_resolved', key: 'incident:inc:resolved' }] })
    expect(fake.parses[0]).toHaveBeenCalledTimes(2)
    expect(confirmed.nextDueAt).toBe(T0 + HEALTHY_INTERVAL_MS)
    const quiet = await pollPage({ page: page(), state: confirmed.state }, depsFor(fake))
    expect(quiet).toMatchObject({ events: [], stateChanged: false })
  })

  it('never polls faster than Cache-Control max-age allows', async () => {
    const fake = fakeProvider()
    server.handle((_req, res) => send(res, 200, { ...JSON_TYPE, 'cache-control': 'public, max-age=120' }, json(degraded)))
    const outcome = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
    expect(outcome.nextDueAt).toBe(T0 + 120_000)
  })

  it('accepts JSON served as text/plain, text/json, with no content type, or with a BOM', async () => {
    const variants: Record<string, string>[] = [{ 'content-type': 'text/plain' }, { 'content-type': 'text/json' }, {}, { 'content-type': 'application/octet-stream' }]
    for (const headers of variants) {
      server.handle((_req, res) => send(res, 200, headers, json(healthy)))
      const outcome = await pollPage({ page: page(), state: initialPageState() }, depsFor(fakeProvider()))
      expect(outcome.result, JSON.stringify(headers)).toBe('changed')
    }
    server.handle((_req, res) => send(res, 200, JSON_TYPE, `\uFEFF${json(healthy)}`))
    expect((await pollPage({ page: page(), state: initialPageState() }, depsFor(fakeProvider()))).result).toBe('changed')
    // UTF-16 (AWS serves it) is recognised by its BOM.
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(json(healthy), 'utf16le'))])
    server.handle((_req, res) => send(res, 200, JSON_TYPE, utf16))
    expect((await pollPage({ page: page(), state: initialPageState() }, depsFor(fakeProvider()))).result).toBe('changed')
  })

  describe('every failure: zero events, seen-state and snapshot kept, backoff', () => {
    it('an HTML error page with 200 is not_json', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => send(res, 200, { 'content-type': 'text/html' }, '<!doctype html><h1>We will be right back</h1>'))
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
      expectErrorKeepsState(outcome, before, 'not_json')
      expect(outcome.nextDueAt).toBe(T0 + 22_500)
      expect(fake.parses[0]).toHaveBeenCalledTimes(1)
    })

    it('HTML without an HTML content type is still not JSON', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => send(res, 200, JSON_TYPE, '  <html><body>maintenance</body></html>'))
      expectErrorKeepsState(await pollPage({ page: page(), state: before }, depsFor(fake)), before, 'not_json')
    })

    it('a Cloudflare challenge is a bot wall: 403, 503, 200, or just the cf-mitigated header', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      const challenge = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge-platform</body></html>'
      const attention = '<!DOCTYPE html><title>Attention Required! | Cloudflare</title>'
      const cases: [number, Record<string, string>, string][] = [
        [403, { 'content-type': 'text/html; charset=UTF-8' }, challenge],
        [503, { 'content-type': 'text/html' }, challenge],
        [405, { 'content-type': 'text/html' }, attention],
        [200, { 'content-type': 'text/html' }, challenge],
        [403, { 'cf-mitigated': 'challenge' }, ''],
      ]
      for (const [status, headers, body] of cases) {
        server.handle((_req, res) => send(res, status, headers, body))
        const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
        expectErrorKeepsState(outcome, before, 'bot_wall')
        if (status !== 200) expect(outcome.state.lastError?.httpStatus).toBe(status)
      }
    })

    it('a plain 403 or 404 is an http error', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      for (const status of [403, 404, 500]) {
        server.handle((_req, res) => send(res, status, { 'content-type': 'text/html' }, '<h1>Forbidden</h1>'))
        const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
        expectErrorKeepsState(outcome, before, 'http')
        expect(outcome.state.lastError?.httpStatus).toBe(status)
        // One endpoint, one error: its message as it is, with no fallback part.
        expect(outcome.state.lastError?.message).toMatch(new RegExp(`^HTTP ${status}( [A-Za-z ]+)?$`))
      }
    })

    it('truncated JSON is not_json', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => send(res, 200, JSON_TYPE, json(degraded).slice(0, 100)))
      expectErrorKeepsState(await pollPage({ page: page(), state: before }, depsFor(fake)), before, 'not_json')
      server.handle((_req, res) => send(res, 200, JSON_TYPE, ''))
      expectErrorKeepsState(await pollPage({ page: page(), state: before }, depsFor(fake)), before, 'not_json')
    })

    it('JSON of the wrong shape is bad_shape', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      for (const body of ['null', '[]', '{"components": null}', json({ ...degraded, components: 'api' })]) {
        server.handle((_req, res) => send(res, 200, JSON_TYPE, body))
        expectErrorKeepsState(await pollPage({ page: page(), state: before }, depsFor(fake)), before, 'bad_shape')
      }
    })

    it('a 5 MB body announced by Content-Length is refused without reading it', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      let written: Promise<{ written: number; finished: boolean }> | undefined
      server.handle((_req, res) => {
        res.writeHead(200, { ...JSON_TYPE, 'content-length': String(5 * 1024 * 1024) })
        written = streamBytes(res, 5 * 1024 * 1024)
      })
      const counter = countingFetch()
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake, { fetch: counter.fetch }))
      expectErrorKeepsState(outcome, before, 'too_large')
      expect(counter.bytesRead()).toBe(0)
      expect((await written)?.finished).toBe(false)
    })

    it('a chunked body without Content-Length is cut off as soon as it passes the cap', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      let written: Promise<{ written: number; finished: boolean }> | undefined
      server.handle((_req, res) => {
        res.writeHead(200, JSON_TYPE)
        written = streamBytes(res, 50 * 1024 * 1024)
      })
      const counter = countingFetch()
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake, { fetch: counter.fetch }))
      expectErrorKeepsState(outcome, before, 'too_large')
      expect(counter.bytesRead()).toBeGreaterThan(DEFAULT_MAX_BYTES)
      expect(counter.bytesRead()).toBeLessThan(DEFAULT_MAX_BYTES + 1024 * 1024)
      const server_ = await written
      expect(server_?.finished).toBe(false)
      expect(server_?.written).toBeLessThan(50 * 1024 * 1024)
    })

    it('429 with Retry-After in seconds is rate_limited and honoured', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => send(res, 429, { 'retry-after': '120' }, 'slow down'))
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
      expectErrorKeepsState(outcome, before, 'rate_limited')
      expect(outcome.state.lastError).toMatchObject({ httpStatus: 429, retryAfterMs: 120_000 })
      expect(outcome.nextDueAt).toBe(T0 + 120_000)
    })

    it('429 with Retry-After as an HTTP-date is honoured relative to the injected clock', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      const at = new Date(T0 + 300_000).toUTCString()
      server.handle((_req, res) => send(res, 429, { 'retry-after': at }))
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
      expectErrorKeepsState(outcome, before, 'rate_limited')
      expect(outcome.state.lastError?.retryAfterMs).toBe(300_000)
      expect(outcome.nextDueAt).toBe(T0 + 300_000)
    })

    it('503 is rate_limited with Retry-After, a plain http error without', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => send(res, 503, { 'retry-after': '90', 'content-type': 'text/plain' }, 'busy'))
      const limited = await pollPage({ page: page(), state: before }, depsFor(fake))
      expectErrorKeepsState(limited, before, 'rate_limited')
      expect(limited.nextDueAt).toBe(T0 + 90_000)
      server.handle((_req, res) => send(res, 503, { 'content-type': 'text/plain' }, 'Service Unavailable'))
      const plain = await pollPage({ page: page(), state: before }, depsFor(fake))
      expectErrorKeepsState(plain, before, 'http')
      expect(plain.state.lastError?.httpStatus).toBe(503)
    })

    it('connection refused is a network error', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      const port = await closedPort()
      const outcome = await pollPage({ page: { base: `http://127.0.0.1:${port}`, platform: 'statuspage' }, state: before }, depsFor(fake))
      // The state was primed for another URL: still nothing may be lost.
      expectErrorKeepsState(outcome, before, 'network')
      expect(outcome.state.lastError?.message).toMatch(/ECONNREFUSED/)
    })

    it('a server that sends headers and then hangs mid-body times out', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => {
        res.writeHead(200, JSON_TYPE)
        res.write('{"platform": "statuspage", "components": [')
      })
      const started = performance.now()
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake, { timeoutMs: 300 }))
      expectErrorKeepsState(outcome, before, 'timeout')
      expect(performance.now() - started).toBeLessThan(5_000)
    })

    it('a server that never answers times out', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle(() => undefined)
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake, { timeoutMs: 200 }))
      expectErrorKeepsState(outcome, before, 'timeout')
    })

    it('errors in a row back off further; the next success resets the count, and a 304 after errors is worth a write', async () => {
      const fake = fakeProvider()
      let state = await primed(fake)
      server.handle((_req, res) => send(res, 500, {}))
      const delays: number[] = []
      for (let i = 1; i <= 4; i++) {
        const outcome = await pollPage({ page: page(), state }, depsFor(fake))
        expect(outcome.state.errorCount).toBe(i)
        delays.push(outcome.nextDueAt - T0)
        state = outcome.state
      }
      expect(delays).toEqual([22_500, 45_000, 90_000, 180_000])
      server.handle((_req, res) => send(res, 304, {}))
      const recovered = await pollPage({ page: page(), state }, depsFor(fake))
      expect(recovered).toMatchObject({ result: 'not_modified', stateChanged: true, events: [] })
      expect(recovered.state).toMatchObject({ errorCount: 0, lastError: null, nextDueAt: T0 + 60_000 })
    })

    it('a 304 resets an error count even when the stored error itself was unreadable', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      // Read back from storage, a corrupt lastError is dropped while the count stands.
      const stored = parsePageState({ ...JSON.parse(JSON.stringify(before)), errorCount: 3, lastError: { kind: 'nonsense' } })
      expect(stored).toMatchObject({ errorCount: 3, lastError: null })
      server.handle((_req, res) => send(res, 304, { etag: 'W/"v1"' }))
      const recovered = await pollPage({ page: page(), state: stored ?? before }, depsFor(fake))
      expect(recovered).toMatchObject({ result: 'not_modified', stateChanged: true, state: { errorCount: 0, lastError: null } })
    })

    it('a broken random never shortens the backoff nor drops Retry-After: the longest of the window', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      const broken = (): number => {
        throw new Error('no entropy')
      }
      server.handle((_req, res) => send(res, 500, {}))
      const plain = await pollPage({ page: page(), state: before }, depsFor(fake, { random: broken }))
      expectErrorKeepsState(plain, before, 'http')
      // First error: equal jitter over 30 s, taken at its top.
      expect(plain.nextDueAt).toBe(T0 + 30_000)
      server.handle((_req, res) => send(res, 429, { 'retry-after': '600' }))
      const limited = await pollPage({ page: page(), state: before }, depsFor(fake, { random: broken }))
      expectErrorKeepsState(limited, before, 'rate_limited')
      expect(limited.nextDueAt).toBe(T0 + 600_000)
    })
  })

  describe('endpoints and validators', () => {
    it('sends validators only to the URL they came from', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => send(res, 200, JSON_TYPE, json(healthy)))
      await pollPage({ page: page(), state: { ...before, url: 'https://elsewhere.example/api/v2/summary.json' } }, depsFor(fake))
      expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined()
    })

    it('sends no validators while there is no snapshot or seen-state to fall back on, and refuses a 304 it did not ask for', async () => {
      const fake = fakeProvider()
      const before = await primed(fake)
      server.handle((_req, res) => send(res, 304, {}))
      for (const state of [
        { ...before, snapshot: null },
        // A corrupt seen-state read back as null: a 304 would leave nothing to diff against.
        { ...before, seen: null },
      ]) {
        const outcome = await pollPage({ page: page(), state }, depsFor(fake))
        expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined()
        expect(outcome).toMatchObject({ result: 'error', events: [], state: { errorCount: 1, seen: state.seen, etag: state.etag } })
        expect(outcome.state.lastError).toMatchObject({ kind: 'http', httpStatus: 304 })
      }
    })

    it('sends If-Modified-Since alone when the server gave only Last-Modified, and takes its 304', async () => {
      const fake = fakeProvider()
      const lastModified = 'Tue, 08 Apr 2025 10:00:00 GMT'
      const before = await primed(fake, healthy, { 'last-modified': lastModified })
      expect(before).toMatchObject({ etag: null, lastModified })
      server.handle((req, res) => (req.headers['if-modified-since'] === lastModified ? send(res, 304, {}) : send(res, 200, JSON_TYPE, json(degraded))))
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
      expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined()
      expect(server.requests.at(-1)?.headers['if-modified-since']).toBe(lastModified)
      expect(outcome).toMatchObject({ result: 'not_modified', stateChanged: false, events: [] })
    })

    it('with no validator from the server, asks unconditionally and refuses a 304', async () => {
      const fake = fakeProvider()
      const before = await primed(fake, healthy, {})
      expect(before).toMatchObject({ etag: null, lastModified: null })
      server.handle((_req, res) => send(res, 304, {}))
      const outcome = await pollPage({ page: page(), state: before }, depsFor(fake))
      expect(server.requests.at(-1)?.headers['if-modified-since']).toBeUndefined()
      expectErrorKeepsState(outcome, before, 'http')
      expect(outcome.state.lastError?.httpStatus).toBe(304)
    })

    it('falls back to the next endpoint within the same poll when the first has the wrong shape, is not JSON, or is gone', async () => {
      const fake = fakeProvider(['/proxy/native', '/api/v2/summary.json'])
      for (const primary of [
        (res: Parameters<Parameters<TestServer['handle']>[0]>[1]) => send(res, 200, JSON_TYPE, '{"unexpected": true}'),
        (res: Parameters<Parameters<TestServer['handle']>[0]>[1]) => send(res, 200, { 'content-type': 'text/html' }, '<!doctype html><h1>Page moved</h1>'),
        (res: Parameters<Parameters<TestServer['handle']>[0]>[1]) => send(res, 404, {}),
        (res: Parameters<Parameters<TestServer['handle']>[0]>[1]) => send(res, 410, {}),
      ]) {
        server.handle((req, res) => (req.url === '/proxy/native' ? primary(res) : send(res, 200, { ...JSON_TYPE, etag: '"fb"' }, json(healthy))))
        const outcome = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
        expect(outcome.result).toBe('changed')
        expect(outcome.state).toMatchObject({ url: `${server.origin}/api/v2/summary.json`, etag: '"fb"', errorCount: 0 })
      }
    })

    it('does not try the fallback when the host itself is in trouble, and reports the primary error when all fail', async () => {
      const fake = fakeProvider(['/proxy/native', '/api/v2/summary.json'])
      server.handle((_req, res) => send(res, 500, {}))
      const outcome = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
      expect(outcome.state.lastError).toMatchObject({ kind: 'http', httpStatus: 500 })
      expect(server.requests.map((r) => r.path)).toEqual(['/proxy/native'])

      server.requests.length = 0
      server.handle((_req, res) => send(res, 200, JSON_TYPE, '{}'))
      const both = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
      expect(both.state.lastError?.kind).toBe('bad_shape')
      expect(both.state.lastError?.message).toContain('fallback')
      expect(server.requests.map((r) => r.path)).toEqual(['/proxy/native', '/api/v2/summary.json'])

      // A bot wall hits every endpoint alike, whatever status it comes with.
      server.requests.length = 0
      server.handle((_req, res) => send(res, 404, { 'cf-mitigated': 'challenge' }))
      const walled = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
      expect(walled.state.lastError).toMatchObject({ kind: 'bot_wall', httpStatus: 404 })
      expect(server.requests.map((r) => r.path)).toEqual(['/proxy/native'])
    })

    it('names every failed endpoint in the message, the primary first', async () => {
      const fake = fakeProvider(['/a', '/b', '/c'])
      server.handle((req, res) => (req.url === '/a' ? send(res, 404, {}) : req.url === '/b' ? send(res, 410, {}) : send(res, 200, JSON_TYPE, '{}')))
      const outcome = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
      expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b', '/c'])
      expect(outcome.state.lastError).toMatchObject({ kind: 'http', httpStatus: 404, message: 'HTTP 404 Not Found; fallback: HTTP 410 Gone; not a snapshot' })
    })

    it('after a switch of endpoint, takes the updates of known incidents as seen; on the same endpoint reports new ones', async () => {
      const fake = fakeProvider(['/proxy/native', '/api/v2/summary.json'])
      const upd = (id: string, status: 'investigating' | 'identified' | 'monitoring', minutes: number) =>
        ({ id, status, text: `${status} (${id})`, at: T0 + minutes * 60_000 }) as const
      const withIncident = (updates: ReturnType<typeof upd>[]): Snapshot => ({
        ...healthy,
        incidents: [{ id: 'inc', name: 'Errors', status: updates[0]?.status ?? 'investigating', impact: 'minor', url: null, startedAt: T0, updates, componentIds: [] }],
      })
      // The native endpoint and the summary name the same updates with their own ids.
      server.handle((req, res) => (req.url === '/proxy/native' ? send(res, 200, JSON_TYPE, json(withIncident([upd('n1', 'investigating', 1)]))) : send(res, 500, {})))
      const native = await pollPage({ page: page(), state: initialPageState() }, depsFor(fake))
      expect(native.events.map((e) => e.key)).toEqual(['incident:inc:opened'])

      const summaryUpdates = [upd('s2', 'identified', 2), upd('s1', 'investigating', 1)]
      let summary = withIncident(summaryUpdates)
      server.handle((req, res) => (req.url === '/proxy/native' ? send(res, 404, {}) : send(res, 200, JSON_TYPE, json(summary))))
      const switched = await pollPage({ page: page(), state: native.state }, depsFor(fake))
      expect(switched).toMatchObject({ result: 'changed', events: [], state: { url: `${server.origin}/api/v2/summary.json` } })

      summary = withIncident([upd('s3', 'monitoring', 3), ...summaryUpdates])
      const next = await pollPage({ page: page(), state: switched.state }, depsFor(fake))
      expect(next.events.map((e) => e.key)).toEqual(['incident:inc:update:s3'])
    })

    it('a state whose snapshot was lost in storage is no switch of endpoint: new updates are still reported', async () => {
      const fake = fakeProvider()
      const u1 = { id: 'u1', status: 'investigating', text: 'Looking into it', at: T0 } as const
      const u2 = { id: 'u2', status: 'identified', text: 'Found it', at: T0 + 60_000 } as const
      const incident = { id: 'inc', name: 'Errors', impact: 'minor', url: null, startedAt: T0, componentIds: [] } as const
      const before = await primed(fake, { ...healthy, incidents: [{ ...incident, status: 'investigating', updates: [u1] }] })
      // The corrupt snapshot is dropped, and with it the URL and validators that vouched for it; the seen-state stays.
      const stored = parsePageState({ ...JSON.parse(JSON.stringify(before)), snapshot: { corrupt: true } })
      expect(stored).toMatchObject({ url: null, snapshot: null, seen: before.seen })
      server.handle((_req, res) => send(res, 200, JSON_TYPE, json({ ...healthy, incidents: [{ ...incident, status: 'identified', updates: [u2, u1] }] })))
      const outcome = await pollPage({ page: page(), state: stored }, depsFor(fake))
      expect(outcome.events.map((e) => e.key)).toEqual(['incident:inc:update:u2'])
    })
  })
})

describe('pollPage honours the optional Endpoint members (decode, companions)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })
  afterEach(() => {
    server.requests.length = 0
  })

  /** Like Instatus: incidents from /summary.json, component statuses from a companion URL. */
  function companionProvider(): { provider: (platform: Platform) => Provider; parse: ReturnType<typeof vi.fn>; merge: ReturnType<typeof vi.fn> } {
    const parse = vi.fn(parseFake)
    const merge = vi.fn((snapshot: Snapshot, json: unknown): Result<Snapshot, PollError> => {
      const components = (json as { components?: unknown }).components
      return Array.isArray(components) ? ok({ ...snapshot, components: components as Snapshot['components'] }) : err(pollError('bad_shape', 'no components'))
    })
    return {
      parse,
      merge,
      provider: (platform) => ({
        platform,
        endpoints: (base) => [
          Object.assign(
            { url: new URL('/summary.json', base).href, parse },
            { companions: [{ url: new URL('/v2/components.json', base).href, merge }] },
          ),
        ],
      }),
    }
  }

  it('reads companions, hashes all bodies together, never sends validators, and fails as a whole', async () => {
    const fake = companionProvider()
    const deps: PollDeps = { ...depsFor(fakeProvider()), providerFor: fake.provider }
    const page = { base: server.origin, platform: 'instatus' as const }
    let components: Snapshot['components'] = healthy.components
    server.handle((req, res) =>
      req.url === '/summary.json'
        ? send(res, 200, { ...JSON_TYPE, etag: '"s1"' }, json({ ...healthy, components: [] }))
        : send(res, 200, JSON_TYPE, json({ components })),
    )
    const first = await pollPage({ page, state: initialPageState() }, deps)
    expect(first.result).toBe('changed')
    expect(first.state.snapshot?.components).toEqual(healthy.components)
    expect(server.requests.map((r) => r.path)).toEqual(['/summary.json', '/v2/components.json'])

    const same = await pollPage({ page, state: first.state }, deps)
    expect(same.result).toBe('unchanged')
    expect(server.requests.every((r) => r.headers['if-none-match'] === undefined)).toBe(true)
    expect(fake.parse).toHaveBeenCalledTimes(1)

    components = degraded.components
    const changed = await pollPage({ page, state: same.state }, deps)
    expect(changed.result).toBe('changed')
    expect(changed.events.map((e) => e.kind)).toEqual(['component_changed'])

    server.handle((req, res) => (req.url === '/summary.json' ? send(res, 200, JSON_TYPE, json(healthy)) : send(res, 500, {})))
    const failed = await pollPage({ page, state: changed.state }, deps)
    expectErrorKeepsState(failed, changed.state, 'http')
    expect(failed.state.lastError?.message).toContain('/v2/components.json')
  })

  it("uses the endpoint's own decode when it has one (feeds are XML, AWS is UTF-16)", async () => {
    const parse = vi.fn((text: unknown): Result<Snapshot, PollError> =>
      typeof text === 'string' && text.startsWith('<feed') ? ok(healthy) : err(pollError('bad_shape', 'expected the feed text')),
    )
    const decode = vi.fn((bytes: Uint8Array): Result<unknown, PollError> => ok(new TextDecoder().decode(bytes)))
    const deps: PollDeps = {
      ...depsFor(fakeProvider()),
      providerFor: (platform) => ({ platform, endpoints: (base) => [Object.assign({ url: new URL('/history.atom', base).href, parse }, { decode })] }),
    }
    server.handle((_req, res) => send(res, 200, { 'content-type': 'application/atom+xml' }, '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'))
    const outcome = await pollPage({ page: { base: server.origin, platform: 'feed' }, state: initialPageState() }, deps)
    expect(outcome.result).toBe('changed')
    expect(decode).toHaveBeenCalledTimes(1)
  })
})

describe('pollPage with an injected fetch', () => {
  const page = { base: 'https://status.example.com', platform: 'statuspage' as const }

  it('times out even when fetch ignores the signal', async () => {
    const controller = new AbortController()
    const fake = fakeProvider()
    const pending = pollPage(
      { page, state: initialPageState() },
      depsFor(fake, { fetch: () => new Promise<Response>(() => undefined), timeoutSignal: () => controller.signal }),
    )
    controller.abort()
    const outcome = await pending
    expectErrorKeepsState(outcome, initialPageState(), 'timeout')
  })

  it('times out when the body stream ignores the signal', async () => {
    const controller = new AbortController()
    const fake = fakeProvider()
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"a":'))
      },
    })
    const pending = pollPage(
      { page, state: initialPageState() },
      depsFor(fake, { fetch: () => Promise.resolve(new Response(body, { headers: JSON_TYPE })), timeoutSignal: () => controller.signal }),
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort()
    expectErrorKeepsState(await pending, initialPageState(), 'timeout')
  })

  it('stops reading a body whose Content-Length lies', async () => {
    let pulled = 0
    const chunk = new Uint8Array(64 * 1024).fill(0x20)
    const body = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          pulled += chunk.byteLength
          c.enqueue(chunk)
        },
      },
      { highWaterMark: 0 },
    )
    const response = new Response(body, { headers: { ...JSON_TYPE, 'content-length': '100' } })
    const outcome = await pollPage({ page, state: initialPageState() }, depsFor(fakeProvider(), { fetch: () => Promise.resolve(response) }))
    expectErrorKeepsState(outcome, initialPageState(), 'too_large')
    expect(pulled).toBeLessThanOrEqual(DEFAULT_MAX_BYTES + 2 * chunk.byteLength)
  })

  it('turns anything thrown inside into a typed error and never throws', async () => {
    const boom = (): never => {
      throw new Error('boom')
    }
    const cases: Partial<PollDeps>[] = [
      { fetch: () => Promise.reject(new TypeError('fetch failed')) },
      { fetch: boom },
      { timeoutSignal: boom },
      { providerFor: boom },
      { providerFor: () => ({ platform: 'statuspage', endpoints: boom }) },
      {
        providerFor: () => ({ platform: 'statuspage', endpoints: () => [{ url: 'https://status.example.com/x', parse: boom }] }),
        fetch: () => Promise.resolve(new Response('{}', { headers: JSON_TYPE })),
      },
      { providerFor: () => ({ platform: 'statuspage', endpoints: () => [] }) },
      { random: boom, fetch: () => Promise.resolve(new Response('', { status: 500 })) },
    ]
    for (const overrides of cases) {
      const outcome = await pollPage({ page, state: initialPageState() }, depsFor(fakeProvider(), overrides))
      expectErrorKeepsState(outcome, initialPageState(), outcome.state.lastError?.kind ?? 'network')
      expect(outcome.state.lastError?.message).toBeTruthy()
    }
    const badUrl = await pollPage({ page: { base: 'not a url', platform: 'statuspage' }, state: initialPageState() }, depsFor(fakeProvider()))
    expect(badUrl.result).toBe('error')
  })

  it('says so when a provider has no endpoint to poll', async () => {
    const outcome = await pollPage(
      { page, state: initialPageState() },
      depsFor(fakeProvider(), { providerFor: () => ({ platform: 'statuspage', endpoints: () => [] }) }),
    )
    expect(outcome.state.lastError).toEqual({ kind: 'bad_shape', message: 'no endpoint to poll for statuspage' })
  })

  it('dates an internal error by the clock, or by the last check when the clock is broken', async () => {
    const boom = (): never => {
      throw new Error('boom')
    }
    const before: PageState = { ...initialPageState(), lastCheckedAt: T0 - 60_000 }
    const at = async (now: () => number, state = before): Promise<PollOutcome> =>
      pollPage({ page, state }, depsFor(fakeProvider(), { providerFor: boom, now }))
    const ticking = await at(() => T0)
    expect(ticking.state).toMatchObject({ lastCheckedAt: T0, nextDueAt: T0 + 22_500 })
    for (const broken of [() => Number.NaN, boom]) {
      const outcome = await at(broken)
      expect(outcome.state).toMatchObject({ lastCheckedAt: T0 - 60_000, nextDueAt: T0 - 60_000 + 22_500 })
    }
    // Never checked and no clock: the epoch, which makes the page due at once rather than never.
    expect((await at(boom, initialPageState())).state).toMatchObject({ lastCheckedAt: 0, nextDueAt: 22_500 })
  })
})

/** Real fetch whose body is re-streamed one pulled chunk at a time, counting what the engine reads. */
function countingFetch(): { fetch: FetchLike; bytesRead: () => number } {
  let read = 0
  return {
    bytesRead: () => read,
    fetch: async (url, init) => {
      const response = await fetch(url, init)
      const source = response.body
      if (source === null) return response
      const reader = source.getReader()
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const { done, value } = await reader.read()
            if (done) controller.close()
            else {
              read += value.byteLength
              controller.enqueue(value)
            }
          },
          cancel: (reason) => reader.cancel(reason),
        },
        { highWaterMark: 0 },
      )
      return new Response(body, { status: response.status, headers: response.headers })
    },
  }
}

// --- the real providers on real recorded payloads, served over real HTTP

describe('pollPage with the real providers on real samples', () => {
  let server: TestServer
  const openai = (): string => sampleText('incidentio/openai-proxy-summary-2025-04-08.json')
  const instructure = (): string => sampleText('statuspage/instructure-summary-2021-12-07.json')

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })

  const realDeps = (): PollDeps => ({
    fetch: (url, init) => fetch(url, init),
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
    now: () => T0,
    random: () => 0.5,
  })
  const incidentioPage = (): { base: string; platform: Platform } => ({ base: `${server.origin}/`, platform: 'incidentio' })

  /** Serves `proxy` on incident.io's native path and `summary` (or 404) on summary.json. */
  function serve(proxy: string | null, summary: string | null = null, headers: Record<string, string> = {}): void {
    server.handle((req, res) => {
      const body = req.url?.startsWith('/proxy/') ? proxy : req.url === '/api/v2/summary.json' ? summary : null
      if (body === null) send(res, 404, {})
      else send(res, 200, { ...JSON_TYPE, ...headers }, body)
    })
  }

  async function primedOpenAI(): Promise<PageState> {
    serve(openai(), null, { etag: 'W/"openai-1"' })
    const first = await pollPage({ page: incidentioPage(), state: initialPageState() }, realDeps())
    expect(first.result).toBe('changed')
    return first.state
  }

  it('reads OpenAI, announces the ongoing incident once, then costs nothing on 304 and equal bodies', async () => {
    serve(openai(), null, { etag: 'W/"openai-1"', 'cache-control': 'max-age=10' })
    const first = await pollPage({ page: incidentioPage(), state: initialPageState() }, realDeps())
    expect(first.result).toBe('changed')
    expect(first.state.url).toBe(`${server.origin}/proxy/127.0.0.1`)
    expect(first.state.snapshot?.platform).toBe('incidentio')
    expect(first.state.snapshot?.incidents.length).toBe(1)
    expect(first.events.map((e) => e.kind)).toContain('incident_opened')
    // An incident is on: 15 s, which Statuspage-style max-age=10 does not slow down.
    expect(first.nextDueAt).toBe(T0 + DISTURBED_INTERVAL_MS)

    server.handle((req, res) => (req.headers['if-none-match'] === 'W/"openai-1"' ? send(res, 304, {}) : send(res, 500, {})))
    const second = await pollPage({ page: incidentioPage(), state: first.state }, realDeps())
    expect(second).toMatchObject({ result: 'not_modified', stateChanged: false, events: [] })

    serve(openai())
    const third = await pollPage({ page: incidentioPage(), state: second.state }, realDeps())
    expect(third).toMatchObject({ result: 'unchanged', events: [] })
  })

  it('falls back to the Statuspage-compatible summary.json when the native endpoint is gone', async () => {
    serve(null, instructure())
    const outcome = await pollPage({ page: incidentioPage(), state: initialPageState() }, realDeps())
    expect(outcome.result).toBe('changed')
    expect(outcome.state.url).toBe(`${server.origin}/api/v2/summary.json`)
    expect(outcome.state.snapshot?.platform).toBe('incidentio')
  })

  it('reads a Statuspage summary', async () => {
    serve(null, instructure())
    const outcome = await pollPage({ page: { base: server.origin, platform: 'statuspage' }, state: initialPageState() }, realDeps())
    expect(outcome.result).toBe('changed')
    expect(outcome.state.snapshot?.incidents.length).toBeGreaterThan(0)
  })

  it('truncated real JSON is not_json, and nothing is lost', async () => {
    const before = await primedOpenAI()
    serve(openai().slice(0, 10_000))
    expectErrorKeepsState(await pollPage({ page: incidentioPage(), state: before }, realDeps()), before, 'not_json')
  })

  /** Parsed leniently or refused as bad_shape: never a throw, never events from a refused body. */
  async function expectReadOrRefused(before: PageState, body: string): Promise<PollOutcome> {
    serve(body)
    const outcome = await pollPage({ page: incidentioPage(), state: before }, realDeps())
    if (outcome.result === 'error') expectErrorKeepsState(outcome, before, 'bad_shape')
    else expect(outcome.state.snapshot).not.toBeNull()
    const keys = outcome.events.map((e) => e.key)
    expect(new Set(keys).size).toBe(keys.length)
    return outcome
  }

  it('`null`s everywhere: every list, then every value', async () => {
    const before = await primedOpenAI()
    const sample = JSON.parse(openai()) as unknown
    for (const body of [
      mapDeep(sample, (v) => (Array.isArray(v) ? null : v)),
      mapDeep(sample, (v) => (v !== null && typeof v === 'object' ? v : null)),
      { summary: null },
    ]) {
      const outcome = await expectReadOrRefused(before, JSON.stringify(body))
      // A page full of nulls is broken, not healthy: reading it as "nothing ongoing" would
      // announce the open incident as resolved.
      expect(outcome.result).toBe('error')
      expect(outcome.events).toEqual([])
    }
  })

  it('wrong types: strings for lists, objects for ids, numbers for text', async () => {
    const before = await primedOpenAI()
    const sample = JSON.parse(openai()) as unknown
    const swaps: ((v: unknown, key: string) => unknown)[] = [
      (v) => (Array.isArray(v) ? 'none' : v),
      (v, key) => (key === 'id' ? { id: v } : v),
      (v) => (typeof v === 'string' ? 42 : v),
      (v) => (typeof v === 'string' ? ['x'] : v),
    ]
    for (const swap of swaps) {
      const outcome = await expectReadOrRefused(before, JSON.stringify(mapDeep(sample, swap)))
      // Whatever survives validation, a mangled copy of the page announces nothing.
      expect(outcome.events).toEqual([])
    }
  })

  it('duplicate ids are read once: no duplicate components, incidents or event keys', async () => {
    const sample = JSON.parse(openai()) as { summary: Record<string, unknown[]> }
    const doubled = {
      summary: {
        ...sample.summary,
        components: [...(sample.summary.components ?? []), ...(sample.summary.components ?? [])],
        ongoing_incidents: [...(sample.summary.ongoing_incidents ?? []), ...(sample.summary.ongoing_incidents ?? [])],
        affected_components: [...(sample.summary.affected_components ?? []), ...(sample.summary.affected_components ?? [])],
      },
    }
    const outcome = await expectReadOrRefused(initialPageState(), JSON.stringify(doubled))
    expect(outcome.result).toBe('changed')
    const snapshot = outcome.state.snapshot
    expect(new Set(snapshot?.components.map((c) => c.id)).size).toBe(snapshot?.components.length)
    expect(snapshot?.incidents.length).toBe(1)
  })
})

/** Rebuilds a JSON value bottom-up, applying `f` to every value (with its key) after its children. */
function mapDeep(value: unknown, f: (value: unknown, key: string) => unknown, key = '$'): unknown {
  let mapped = value
  if (Array.isArray(value)) mapped = value.map((item: unknown, i) => mapDeep(item, f, String(i)))
  else if (value !== null && typeof value === 'object') {
    mapped = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapDeep(v, f, k)]))
  }
  return key === '$' ? mapped : f(mapped, key)
}
