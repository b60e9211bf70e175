import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { detectPlatform, type DetectDeps } from '../../src/detect.ts'
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

  it('stops at the first candidate when the host is unreachable', async () => {
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
    expect(!found.ok && found.error.kind).toBe('network')
    expect(calls).toBe(1)
  })

  it('never throws, and says so when there is nothing to try', async () => {
    const none = await detectPlatform(new URL(server.origin), deps({ detectionOrder: () => [] }))
    expect(!none.ok && none.error.message).toContain('no platform to try')
    const broken = await detectPlatform(
      new URL(server.origin),
      deps({
        providerFor: () => {
          throw new Error('registry bug')
        },
      }),
    )
    expect(!broken.ok && broken.error.message).toContain('registry bug')
  })
})
