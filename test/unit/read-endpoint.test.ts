import { describe, expect, it, vi } from 'vitest'
import type { FetchDeps } from '../../src/fetch-json.ts'
import type { Snapshot } from '../../src/model.ts'
import { parseSnapshot } from '../../src/page-state.ts'
import { pollError, type PollError } from '../../src/poll-error.ts'
import type { Endpoint } from '../../src/providers/provider.ts'
import { parseBodies, readEndpoint } from '../../src/read-endpoint.ts'
import { err, ok, type Result } from '../../src/result.ts'
import { failure, value } from '../support/result.ts'

/**
 * readEndpoint / parseBodies on their own: an endpoint with a companion URL (Instatus reads
 * component statuses from a second URL) is read and parsed all or nothing, and every failure
 * says which URL it came from. The plain one-URL case is covered through pollPage (monitor.test.ts).
 */

const SUMMARY = 'https://status.example.com/summary.json'
const COMPONENTS = 'https://status.example.com/v2/components.json'
const JSON_TYPE = { 'content-type': 'application/json' }

const healthy: Snapshot = {
  platform: 'instatus',
  page: { name: 'Example', url: 'https://status.example.com' },
  level: 'operational',
  components: [],
  groups: [],
  incidents: [],
  maintenances: [],
}
const components: Snapshot['components'] = [{ id: 'api', name: 'API', groupId: null, status: 'major_outage' }]

interface Request {
  readonly url: string
  readonly headers: Record<string, string>
}

/** A fetch answering by URL, recording what was asked. */
function routes(answers: Record<string, () => Response>): { deps: FetchDeps; requests: Request[] } {
  const requests: Request[] = []
  return {
    requests,
    deps: {
      fetch: (url, init) => {
        requests.push({ url, headers: init.headers })
        const answer = answers[url]
        return answer === undefined ? Promise.resolve(new Response(null, { status: 404 })) : Promise.resolve(answer())
      },
      timeoutSignal: () => new AbortController().signal,
      now: () => 0,
    },
  }
}

function companionEndpoint(parse: Endpoint['parse'] = (json) => {
  const snapshot = parseSnapshot(json)
  return snapshot === null ? err(pollError('bad_shape', 'not a snapshot')) : ok(snapshot)
}) {
  const merge = vi.fn((snapshot: Snapshot, json: unknown): Result<Snapshot, PollError> => ok({ ...snapshot, components: (json as { components: Snapshot['components'] }).components }))
  const endpoint: Endpoint = { url: SUMMARY, parse, companions: [{ url: COMPONENTS, merge }] }
  return { endpoint, merge }
}

const body = (json: unknown, headers: Record<string, string> = JSON_TYPE) => ({ bytes: new TextEncoder().encode(JSON.stringify(json)), headers: new Headers(headers) })

describe('readEndpoint with a companion URL', () => {
  it('reads both and keeps the first response’s headers', async () => {
    const { endpoint } = companionEndpoint()
    const { deps, requests } = routes({
      [SUMMARY]: () => new Response(JSON.stringify(healthy), { headers: { ...JSON_TYPE, etag: '"s1"' } }),
      [COMPONENTS]: () => new Response(JSON.stringify({ components }), { headers: { ...JSON_TYPE, etag: '"c1"' } }),
    })
    const read = value(await readEndpoint(endpoint, null, deps))
    expect(read.kind).toBe('body')
    expect(read.kind === 'body' && { etag: read.headers.get('etag'), bodies: read.bodies.length }).toEqual({ etag: '"s1"', bodies: 2 })
    expect(requests.map((r) => r.url)).toEqual([SUMMARY, COMPONENTS])
  })

  it('never sends validators (a 304 on the first URL says nothing about the second), and refuses a 304 it did not ask for', async () => {
    const { endpoint } = companionEndpoint()
    const { deps, requests } = routes({ [SUMMARY]: () => new Response(null, { status: 304 }) })
    const read = await readEndpoint(endpoint, { etag: '"s1"', lastModified: 'Tue, 08 Apr 2025 10:00:00 GMT' }, deps)
    expect(requests[0]?.headers['if-none-match']).toBeUndefined()
    expect(requests[0]?.headers['if-modified-since']).toBeUndefined()
    expect(failure(read)).toEqual({ kind: 'http', message: 'HTTP 304 to a request that was not conditional', httpStatus: 304 })
  })

  it('a companion that fails or answers 304 fails the whole read, naming the companion', async () => {
    const { endpoint } = companionEndpoint()
    const summary = (): Response => new Response(JSON.stringify(healthy), { headers: JSON_TYPE })
    const notModified = routes({ [SUMMARY]: summary, [COMPONENTS]: () => new Response(null, { status: 304 }) })
    expect(failure(await readEndpoint(endpoint, null, notModified.deps))).toEqual({
      kind: 'http',
      message: `${COMPONENTS}: HTTP 304 to a request that was not conditional`,
      httpStatus: 304,
    })
    const broken = routes({ [SUMMARY]: summary, [COMPONENTS]: () => new Response(null, { status: 502, statusText: 'Bad Gateway' }) })
    expect(failure(await readEndpoint(endpoint, null, broken.deps))).toEqual({ kind: 'http', message: `${COMPONENTS}: HTTP 502 Bad Gateway`, httpStatus: 502 })
  })
})

describe('parseBodies', () => {
  it('merges the companion’s JSON into the parsed snapshot', () => {
    const { endpoint, merge } = companionEndpoint()
    expect(value(parseBodies(endpoint, [body(healthy), body({ components })]))).toEqual({ ...healthy, components })
    expect(merge).toHaveBeenCalledTimes(1)
  })

  it('a primary that does not parse is the error, and its companion is not merged into nothing', () => {
    const { endpoint, merge } = companionEndpoint()
    expect(failure(parseBodies(endpoint, [body({ unexpected: true }), body({ components })]))).toEqual({ kind: 'bad_shape', message: 'not a snapshot' })
    expect(merge).not.toHaveBeenCalled()
  })

  it('a companion body that is not JSON is not_json, naming the companion', () => {
    const { endpoint } = companionEndpoint()
    const html = { bytes: new TextEncoder().encode('<html>Bad gateway</html>'), headers: new Headers({ 'content-type': 'text/html' }) }
    expect(failure(parseBodies(endpoint, [body(healthy), html]))).toEqual({
      kind: 'not_json',
      message: `${COMPONENTS}: an HTML/XML page instead of JSON (text/html)`,
    })
  })

  it('a parser that throws is bad_shape with its words, whatever it threw', () => {
    const throwing = (thrown: unknown): Endpoint => ({
      url: SUMMARY,
      parse: () => {
        throw thrown
      },
    })
    expect(failure(parseBodies(throwing(new TypeError("Cannot read properties of null (reading 'id')")), [body(healthy)]))).toEqual({
      kind: 'bad_shape',
      message: "parser failed: Cannot read properties of null (reading 'id')",
    })
    expect(failure(parseBodies(throwing('unexpected token'), [body(healthy)]))).toEqual({ kind: 'bad_shape', message: 'parser failed: unexpected token' })
  })

  it('nothing to parse is bad_shape, not a throw', () => {
    expect(failure(parseBodies(companionEndpoint().endpoint, []))).toEqual({ kind: 'bad_shape', message: 'no body' })
  })
})
