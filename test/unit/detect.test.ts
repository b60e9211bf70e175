import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { detectPlatform, type DetectDeps } from '../../src/detect.ts'
import type { Platform } from '../../src/model.ts'
import { parseSnapshot } from '../../src/page-state.ts'
import { pollError } from '../../src/poll-error.ts'
import { providerFor } from '../../src/providers/index.ts'
import type { Provider } from '../../src/providers/provider.ts'
import { err, ok } from '../../src/result.ts'
import { failure, value } from '../support/result.ts'
import { sampleText } from '../support/samples.ts'
import { closedPort, send, startTestServer, type TestServer } from '../support/test-server.ts'

const deps = (overrides: Partial<DetectDeps> = {}): DetectDeps => ({
  fetch: (url, init) => fetch(url, init),
  timeoutSignal: (ms) => AbortSignal.timeout(ms),
  now: () => 1_750_000_000_000,
  ...overrides,
})

const JSON_TYPE = { 'content-type': 'application/json' }

describe('detectPlatform over real HTTP', () => {
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

  it('finds incident.io by its native endpoint', async () => {
    const body = sampleText('incidentio/openai-proxy-summary-2025-04-08.json')
    server.handle((req, res) => (req.url?.startsWith('/proxy/') ? send(res, 200, JSON_TYPE, body) : send(res, 404, {})))
    const found = await detectPlatform(new URL(server.origin), deps())
    expect(found.ok && found.value.platform).toBe('incidentio')
    expect(found.ok && found.value.snapshot.incidents.length).toBe(1)
  })

  it('finds Statuspage when incident.io is not there', async () => {
    const body = sampleText('statuspage/instructure-summary-2021-12-07.json')
    server.handle((req, res) => (req.url === '/api/v2/summary.json' ? send(res, 200, JSON_TYPE, body) : send(res, 404, {})))
    const found = await detectPlatform(new URL(server.origin), deps())
    expect(found.ok && found.value.platform).toBe('statuspage')
    expect(server.requests.map((r) => r.path)).toEqual(['/proxy/127.0.0.1', '/api/v2/summary.json'])
  })

  it('says why when nothing readable answers', async () => {
    server.handle((_req, res) => send(res, 200, { 'content-type': 'text/html' }, '<html><body>Our blog</body></html>'))
    const found = await detectPlatform(new URL(server.origin), deps())
    expect(found.ok).toBe(false)
    if (found.ok) return
    expect(found.error.kind).toBe('not_json')
    expect(found.error.message).toMatch(/^not a status page we can read: http:\/\/127\.0\.0\.1:\d+\/ \(incidentio: .*statuspage: /)
  })

  it('reports a bot wall as such, whichever candidate met it', async () => {
    server.handle((req, res) =>
      req.url === '/api/v2/summary.json'
        ? send(res, 403, { 'content-type': 'text/html' }, '<title>Just a moment...</title>')
        : send(res, 404, {}),
    )
    const found = await detectPlatform(new URL(server.origin), deps())
    expect(!found.ok && found.error.kind).toBe('bot_wall')
  })

  it('stops at the first candidate when the host is unreachable, and says it could not reach it', async () => {
    const port = await closedPort()
    let calls = 0
    const found = await detectPlatform(
      new URL(`http://127.0.0.1:${port}`),
      deps({
        fetch: (url, init) => {
          calls++
          return fetch(url, init)
        },
      }),
    )
    expect(failure(found)).toEqual({
      kind: 'network',
      message: `could not reach http://127.0.0.1:${port}/ (incidentio: connection failed: fetch failed (ECONNREFUSED))`,
      headline: `could not reach http://127.0.0.1:${port}/`,
      tried: [{ platform: 'incidentio', url: `http://127.0.0.1:${port}/proxy/127.0.0.1`, reason: 'connection failed: fetch failed (ECONNREFUSED)' }],
    })
    expect(calls).toBe(1)
  })

  it('names every candidate and why it failed, keeping the HTTP status', async () => {
    server.handle((_req, res) => send(res, 404, {}))
    const found = await detectPlatform(new URL(server.origin), deps({ detectionOrder: () => ['incidentio', 'statuspage'] }))
    expect(failure(found)).toEqual({
      kind: 'http',
      message: `not a status page we can read: ${server.origin}/ (incidentio: HTTP 404 Not Found; statuspage: HTTP 404 Not Found)`,
      httpStatus: 404,
      headline: `not a status page we can read: ${server.origin}/`,
      tried: [
        { platform: 'incidentio', url: `${server.origin}/proxy/127.0.0.1`, reason: 'HTTP 404 Not Found' },
        { platform: 'statuspage', url: `${server.origin}/api/v2/summary.json`, reason: 'HTTP 404 Not Found' },
      ],
    })
  })

  it('skips a platform that has no endpoint for this URL', async () => {
    const body = sampleText('statuspage/instructure-summary-2021-12-07.json')
    server.handle((req, res) => (req.url === '/api/v2/summary.json' ? send(res, 200, JSON_TYPE, body) : send(res, 404, {})))
    const found = await detectPlatform(
      new URL(server.origin),
      deps({
        detectionOrder: () => ['feed', 'statuspage'],
        providerFor: (platform) => (platform === 'feed' ? { platform, endpoints: () => [] } : providerFor(platform)),
      }),
    )
    expect(value(found).platform).toBe('statuspage')
    expect(server.requests.map((r) => r.path)).toEqual(['/api/v2/summary.json'])
  })

  it('never throws, and says so when there is nothing to try', async () => {
    const none = await detectPlatform(new URL(server.origin), deps({ detectionOrder: () => [] }))
    expect(failure(none)).toEqual({ kind: 'bad_shape', message: `not a status page we can read: ${server.origin}/ (no platform to try)`, headline: `not a status page we can read: ${server.origin}/`, tried: [] })
    const broken = await detectPlatform(
      new URL(server.origin),
      deps({
        providerFor: () => {
          throw new Error('registry bug')
        },
      }),
    )
    // A failure of detection itself is not blamed on any one platform.
    expect(failure(broken)).toEqual({
      kind: 'bad_shape',
      message: `not a status page we can read: ${server.origin}/ (internal error: registry bug)`,
      headline: `not a status page we can read: ${server.origin}/`,
      tried: [{ platform: null, url: null, reason: 'internal error: registry bug' }],
    })
  })
})

describe('detectPlatform: which failure it reports when every candidate fails', () => {
  const BASE = new URL('https://status.example.com/')
  const ORDER: readonly Platform[] = ['incidentio', 'statuspage', 'instatus']
  const HTML = (): Response => new Response('<html><body>Our blog</body></html>', { headers: { 'content-type': 'text/html' } })

  /** Each platform's one endpoint is /<platform>.json, answered by `answers` (a 404 otherwise). */
  function candidates(answers: Partial<Record<Platform, () => Promise<Response>>>, overrides: Partial<DetectDeps> = {}): { deps: DetectDeps; asked: string[] } {
    const asked: string[] = []
    const provider = (platform: Platform): Provider => ({
      platform,
      endpoints: (base) => [
        {
          url: new URL(`/${platform}.json`, base).href,
          parse: (json) => {
            const snapshot = parseSnapshot(json)
            return snapshot === null ? err(pollError('bad_shape', 'not a snapshot')) : ok(snapshot)
          },
        },
      ],
    })
    return {
      asked,
      deps: deps({
        detectionOrder: () => ORDER,
        providerFor: provider,
        fetch: (url) => {
          const platform = new URL(url).pathname.slice(1, -'.json'.length) as Platform
          asked.push(platform)
          return answers[platform]?.() ?? Promise.resolve(new Response(null, { status: 404, statusText: 'Not Found' }))
        },
        ...overrides,
      }),
    }
  }

  it('a rate limit stops detection and is reported, with its Retry-After, over the plain failures before it', async () => {
    const { deps: d, asked } = candidates({
      incidentio: () => Promise.resolve(HTML()),
      statuspage: () => Promise.resolve(new Response(null, { status: 429, statusText: 'Too Many Requests', headers: { 'retry-after': '120' } })),
    })
    expect(failure(await detectPlatform(BASE, d))).toEqual({
      kind: 'rate_limited',
      message:
        'not a status page we can read: https://status.example.com/ (incidentio: an HTML/XML page instead of JSON (text/html); statuspage: asked to slow down (HTTP 429 Too Many Requests))',
      httpStatus: 429,
      retryAfterMs: 120_000,
      headline: 'not a status page we can read: https://status.example.com/',
      tried: [
        { platform: 'incidentio', url: 'https://status.example.com/incidentio.json', reason: 'an HTML/XML page instead of JSON (text/html)' },
        { platform: 'statuspage', url: 'https://status.example.com/statuspage.json', reason: 'asked to slow down (HTTP 429 Too Many Requests)' },
      ],
    })
    expect(asked).toEqual(['incidentio', 'statuspage'])
  })

  it('a timeout stops detection, and is reported over the plain failures before it: the host could not be reached', async () => {
    let requests = 0
    // The deadline passes during the second request.
    const timeoutSignal = (): AbortSignal => (++requests === 2 ? AbortSignal.abort() : new AbortController().signal)
    const { deps: d, asked } = candidates({ incidentio: () => Promise.resolve(HTML()) }, { timeoutSignal })
    expect(failure(await detectPlatform(BASE, d))).toEqual({
      kind: 'timeout',
      message: 'could not reach https://status.example.com/ (incidentio: an HTML/XML page instead of JSON (text/html); statuspage: no complete answer within 20 s)',
      headline: 'could not reach https://status.example.com/',
      tried: [
        { platform: 'incidentio', url: 'https://status.example.com/incidentio.json', reason: 'an HTML/XML page instead of JSON (text/html)' },
        { platform: 'statuspage', url: 'https://status.example.com/statuspage.json', reason: 'no complete answer within 20 s' },
      ],
    })
    expect(asked).toEqual(['incidentio', 'statuspage'])
  })

  it('a network failure after a candidate that answered is still reported as one', async () => {
    const { deps: d, asked } = candidates({
      incidentio: () => Promise.resolve(HTML()),
      statuspage: () => Promise.reject(new TypeError('fetch failed')),
    })
    const error = failure(await detectPlatform(BASE, d))
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/^could not reach https:\/\/status\.example\.com\/ \(incidentio: .*; statuspage: connection failed: fetch failed\)$/)
    expect(asked).toEqual(['incidentio', 'statuspage'])
  })

  it('a body too large is more telling than pages that are not status pages, and does not stop detection', async () => {
    const { deps: d, asked } = candidates({
      incidentio: () => Promise.resolve(HTML()),
      statuspage: () => Promise.resolve(new Response('{}', { headers: { 'content-length': String(5 * 1024 * 1024) } })),
      instatus: () => Promise.resolve(HTML()),
    })
    expect(failure(await detectPlatform(BASE, d)).kind).toBe('too_large')
    expect(asked).toEqual(ORDER)
  })

  it('a bot wall is more telling than a body too large', async () => {
    const { deps: walled } = candidates({
      incidentio: () => Promise.resolve(new Response('{}', { headers: { 'content-length': String(5 * 1024 * 1024) } })),
      statuspage: () => Promise.resolve(new Response('<title>Just a moment...</title>', { headers: { 'content-type': 'text/html' } })),
    })
    expect(failure(await detectPlatform(BASE, walled)).kind).toBe('bot_wall')
  })
})
