import { getEventListeners } from 'node:events'
import { describe as group, expect, it } from 'vitest'
import { decodeJson, describe, fetchBody, looksLikeBotWall, type FetchDeps } from '../../src/fetch-json.ts'
import { failure, value } from '../support/result.ts'

/**
 * The one bounded GET behind every poll and every detection, called directly: the status codes,
 * byte limits, timeouts and encodings it decides, and the messages the popup shows for them.
 * Most cases hand it a constructed Response (the server side is covered over real HTTP in
 * monitor.test.ts and detect.test.ts).
 */

const T0 = 1_750_000_000_000
const URL_ = 'https://status.example.com/api/v2/summary.json'
const JSON_TYPE = { 'content-type': 'application/json' }

const answering = (response: Response, overrides: Partial<FetchDeps> = {}): FetchDeps => ({
  fetch: () => Promise.resolve(response),
  timeoutSignal: () => new AbortController().signal,
  now: () => T0,
  ...overrides,
})

/** A body delivered in the given chunks, recording whether the reader cancelled it. */
function chunked(sizes: readonly number[], fill = 0x20): { body: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false
  let i = 0
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const size = sizes[i++]
        if (size === undefined) controller.close()
        else controller.enqueue(new Uint8Array(size).fill(fill))
      },
      cancel() {
        cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { body, cancelled: () => cancelled }
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const utf16be = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'utf16le').swap16())
const utf16le = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'utf16le'))
const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s)
const CHALLENGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>'

group('fetchBody: status codes', () => {
  it('every 2xx is a body, up to 299 included', async () => {
    for (const status of [200, 203, 299]) {
      const got = value(await fetchBody(URL_, null, answering(new Response('{"a":1}', { status, headers: JSON_TYPE }))))
      expect(got.kind).toBe('body')
      expect(got.kind === 'body' && { status: got.status, text: text(got.bytes) }).toEqual({ status, text: '{"a":1}' })
    }
    expect(failure(await fetchBody(URL_, null, answering(new Response('', { status: 300 }))))).toEqual({ kind: 'http', message: 'HTTP 300', httpStatus: 300 })
  })

  it('a 204 (no body at all) is an empty body, which then is not JSON', async () => {
    const got = value(await fetchBody(URL_, null, answering(new Response(null, { status: 204 }))))
    expect(got.kind === 'body' && got.bytes.byteLength).toBe(0)
    expect(failure(decodeJson(got.kind === 'body' ? got.bytes : new Uint8Array(1), new Headers()))).toEqual({ kind: 'not_json', message: 'an empty body instead of JSON' })
  })

  it('an HTTP error says its status, and its reason phrase when there is one', async () => {
    const notFound = await fetchBody(URL_, null, answering(new Response('gone', { status: 404, statusText: 'Not Found' })))
    expect(failure(notFound)).toEqual({ kind: 'http', message: 'HTTP 404 Not Found', httpStatus: 404 })
    // HTTP/2 has no reason phrase.
    expect(failure(await fetchBody(URL_, null, answering(new Response(null, { status: 500 }))))).toEqual({ kind: 'http', message: 'HTTP 500', httpStatus: 500 })
  })

  it('429 is rate_limited with or without Retry-After; Retry-After on another error is not a rate limit', async () => {
    const bare = await fetchBody(URL_, null, answering(new Response(null, { status: 429, statusText: 'Too Many Requests' })))
    expect(failure(bare)).toEqual({ kind: 'rate_limited', message: 'asked to slow down (HTTP 429 Too Many Requests)', httpStatus: 429 })
    expect(failure(bare).retryAfterMs).toBeUndefined()
    const timed = await fetchBody(URL_, null, answering(new Response(null, { status: 429, statusText: 'Too Many Requests', headers: { 'retry-after': '30' } })))
    expect(failure(timed)).toEqual({ kind: 'rate_limited', message: 'asked to slow down (HTTP 429 Too Many Requests)', httpStatus: 429, retryAfterMs: 30_000 })
    const broken = await fetchBody(URL_, null, answering(new Response(null, { status: 500, statusText: 'Internal Server Error', headers: { 'retry-after': '30' } })))
    expect(failure(broken)).toEqual({ kind: 'http', message: 'HTTP 500 Internal Server Error', httpStatus: 500 })
  })

  it('a bot check is named with the status it came with: by cf-mitigated on any status, or by a sniffed 403/405/503 page', async () => {
    const mitigated = new Response(null, { status: 429, statusText: 'Too Many Requests', headers: { 'cf-mitigated': 'challenge' } })
    expect(failure(await fetchBody(URL_, null, answering(mitigated)))).toEqual({
      kind: 'bot_wall',
      message: 'blocked by a bot check (HTTP 429 Too Many Requests)',
      httpStatus: 429,
    })
    const sniffed = new Response(CHALLENGE, { status: 403, statusText: 'Forbidden', headers: { 'content-type': 'text/html' } })
    expect(failure(await fetchBody(URL_, null, answering(sniffed)))).toEqual({ kind: 'bot_wall', message: 'blocked by a bot check (HTTP 403 Forbidden)', httpStatus: 403 })
  })

  it('only 403, 405 and 503 pages are sniffed: a 404 page that mentions a captcha is a plain 404', async () => {
    const page = '<html><body>Page not found. Try our search (protected by a captcha).</body></html>'
    const got = await fetchBody(URL_, null, answering(new Response(page, { status: 404, statusText: 'Not Found', headers: { 'content-type': 'text/html' } })))
    expect(failure(got)).toEqual({ kind: 'http', message: 'HTTP 404 Not Found', httpStatus: 404 })
  })

  it("a sniffed error page is read in the charset it declares (a UTF-16 challenge is still a challenge)", async () => {
    const response = new Response(utf16le(CHALLENGE), { status: 503, headers: { 'content-type': 'text/html; charset=utf-16le' } })
    expect(failure(await fetchBody(URL_, null, answering(response))).kind).toBe('bot_wall')
  })

  it('an error answer’s body is cancelled, not left holding the connection', async () => {
    const cases: [number, Record<string, string>][] = [
      [500, {}],
      [404, {}],
      [429, { 'cf-mitigated': 'challenge' }],
      // Refused by its Content-Length before reading.
      [200, { 'content-length': String(5 * 1024 * 1024) }],
    ]
    for (const [status, headers] of cases) {
      const stream = chunked([1024, 1024])
      const got = await fetchBody(URL_, null, answering(new Response(stream.body, { status, headers })))
      expect(got.ok).toBe(false)
      expect(stream.cancelled(), `${status} ${JSON.stringify(headers)}`).toBe(true)
    }
  })
})

group('fetchBody: what it asks for', () => {
  it('asks for JSON first, and still takes plain text or anything (servers that negotiate strictly answer 406 otherwise)', async () => {
    const asked: Headers[] = []
    const fetch: FetchDeps['fetch'] = (_url, init) => {
      asked.push(new Headers(init.headers))
      return Promise.resolve(new Response('{}'))
    }
    await fetchBody(URL_, null, answering(new Response('{}'), { fetch }))
    const accept = (asked[0]?.get('accept') ?? '').split(',').map((part) => part.trim().split(';')[0])
    expect(accept[0]).toBe('application/json')
    expect(accept).toContain('text/plain')
    expect(accept).toContain('*/*')
  })
})

group('fetchBody: the byte cap', () => {
  const cap = 1024 * 1024

  it('a body of exactly the cap is read whole, by Content-Length or streamed', async () => {
    const announced = new Response(new Uint8Array(cap).fill(0x20), { headers: { 'content-length': String(cap) } })
    const whole = value(await fetchBody(URL_, null, answering(announced, { maxBytes: cap })))
    expect(whole.kind === 'body' && whole.bytes.byteLength).toBe(cap)
    const streamed = chunked([cap / 2, cap / 2])
    const read = value(await fetchBody(URL_, null, answering(new Response(streamed.body), { maxBytes: cap })))
    expect(read.kind === 'body' && read.bytes.byteLength).toBe(cap)
  })

  it('one byte more is too_large, and the message says the cap and how it was found out', async () => {
    const announced = new Response('{}', { headers: { 'content-length': String(5 * 1024 * 1024) } })
    expect(failure(await fetchBody(URL_, null, answering(announced)))).toEqual({ kind: 'too_large', message: 'body larger than 2.0 MiB (Content-Length 5242880)' })
    const streamed = chunked([cap / 2, cap / 2, 1])
    expect(failure(await fetchBody(URL_, null, answering(new Response(streamed.body), { maxBytes: cap })))).toEqual({
      kind: 'too_large',
      message: 'body larger than 1.0 MiB (stopped reading at the cap)',
    })
    expect(streamed.cancelled()).toBe(true)
  })
})

group('fetchBody: timeouts and failures', () => {
  it('a deadline already passed is a timeout even when fetch ignores the signal; the message gives the limit', async () => {
    const asked: number[] = []
    const deps = (timeoutMs?: number): FetchDeps =>
      answering(new Response('{}'), {
        timeoutSignal: (ms) => {
          asked.push(ms)
          return AbortSignal.abort()
        },
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      })
    expect(failure(await fetchBody(URL_, null, deps(1_500)))).toEqual({ kind: 'timeout', message: 'no complete answer within 1.5 s' })
    expect(failure(await fetchBody(URL_, null, deps()))).toEqual({ kind: 'timeout', message: 'no complete answer within 20 s' })
    expect(asked).toEqual([1_500, 20_000])
  })

  it('a body that stops mid-way times out, and the half-read stream is cancelled', async () => {
    const controller = new AbortController()
    let cancelled = false
    const body = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          c.enqueue(new TextEncoder().encode('{"components": ['))
          // The next pull never delivers: the deadline passes meanwhile.
          return new Promise<void>(() => setTimeout(() => controller.abort(), 0))
        },
        cancel() {
          cancelled = true
        },
      },
      { highWaterMark: 0 },
    )
    const got = await fetchBody(URL_, null, answering(new Response(body), { timeoutSignal: () => controller.signal, timeoutMs: 300 }))
    expect(failure(got)).toEqual({ kind: 'timeout', message: 'no complete answer within 0.3 s' })
    expect(cancelled).toBe(true)
  })

  it('a failing timeout signal is a network error, not a throw', async () => {
    const got = await fetchBody(
      URL_,
      null,
      answering(new Response('{}'), {
        timeoutSignal: () => {
          throw new Error('no timers here')
        },
      }),
    )
    expect(failure(got)).toEqual({ kind: 'network', message: 'connection failed: no timers here' })
  })

  it('leaves no abort listener on the signal, whether the answer came in many chunks or failed', async () => {
    // One listener per chunk read would pile up: Node warns past 10 (MaxListenersExceededWarning in the CLI monitor).
    const ok = new AbortController()
    const stream = chunked(Array.from({ length: 20 }, () => 100))
    value(await fetchBody(URL_, null, answering(new Response(stream.body), { timeoutSignal: () => ok.signal })))
    expect(getEventListeners(ok.signal, 'abort')).toHaveLength(0)

    const refused = new AbortController()
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const got = await fetchBody(URL_, null, {
      fetch: () => Promise.reject(new TypeError('fetch failed', { cause })),
      timeoutSignal: () => refused.signal,
      now: () => T0,
    })
    expect(failure(got)).toEqual({ kind: 'network', message: 'connection failed: fetch failed (ECONNREFUSED)' })
    expect(getEventListeners(refused.signal, 'abort')).toHaveLength(0)
  })
})

group('decodeJson', () => {
  const headers = (contentType?: string): Headers => new Headers(contentType === undefined ? {} : { 'content-type': contentType })

  it('names what came instead of JSON', () => {
    const cases: [string, string | undefined, string][] = [
      // HTML by its first character, whatever the content type says
      ['  \n<html><body>maintenance</body></html>', 'application/json', 'an HTML/XML page instead of JSON (application/json)'],
      ['<!doctype html><h1>We will be right back</h1>', undefined, 'an HTML/XML page instead of JSON'],
      // HTML by its content type, whatever the body starts with
      ['We will be right back', 'text/html; charset=utf-8', 'an HTML/XML page instead of JSON (text/html; charset=utf-8)'],
      ['We will be right back', 'application/xhtml+xml', 'an HTML/XML page instead of JSON (application/xhtml+xml)'],
      ['', 'application/json', 'an empty body instead of JSON'],
      [' \r\n\t ', undefined, 'an empty body instead of JSON'],
    ]
    for (const [body, type, message] of cases) {
      expect(failure(decodeJson(utf8(body), headers(type))), JSON.stringify(body)).toEqual({ kind: 'not_json', message })
    }
    const truncated = failure(decodeJson(utf8('{"components": [{"id": "a"'), headers('application/json')))
    expect(truncated.kind).toBe('not_json')
    expect(truncated.message).toMatch(/^not valid JSON \(truncated\?\): \S/)
  })

  it('JSON is read whatever a content type mentions after its own type', () => {
    // Only a type that IS text/html or XHTML means HTML; the words elsewhere in the header do not.
    for (const type of ['application/json; profile="text/html"', 'application/json+text/html', 'x-text/html']) {
      expect(decodeJson(utf8('{"ok": true}'), headers(type)), type).toEqual({ ok: true, value: { ok: true } })
    }
  })

  it('an HTML challenge with 200 is a bot wall, also when only the cf-mitigated header says so', () => {
    const expected = { kind: 'bot_wall', message: 'blocked by a bot check (an HTML challenge page instead of JSON)' }
    expect(failure(decodeJson(utf8(CHALLENGE), headers('text/html')))).toEqual(expected)
    const mitigated = new Headers({ 'content-type': 'text/html', 'cf-mitigated': 'challenge' })
    expect(failure(decodeJson(utf8('<html><body>One moment</body></html>'), mitigated))).toEqual(expected)
  })

  it('honours a UTF-16 byte order mark, big or little endian', () => {
    const json = '{"name":"Statut ✓"}'
    expect(value(decodeJson(new Uint8Array([0xfe, 0xff, ...utf16be(json)]), headers('application/json')))).toEqual({ name: 'Statut ✓' })
    expect(value(decodeJson(new Uint8Array([0xff, 0xfe, ...utf16le(json)]), headers('application/json')))).toEqual({ name: 'Statut ✓' })
  })

  it('honours a UTF-16 charset without a BOM, however it is written', () => {
    const json = '{"name":"Statut ✓"}'
    const cases: [Uint8Array<ArrayBuffer>, string][] = [
      [utf16le(json), 'application/json; charset=utf-16le'],
      [utf16be(json), 'application/json;charset = "UTF-16BE"'],
      [utf16be(json), 'application/json; Charset= utf-16be'],
      // Plain "utf-16" without a BOM: little endian, as browsers read it.
      [utf16le(json), 'text/plain; charset=utf-16'],
    ]
    for (const [bytes, type] of cases) expect(value(decodeJson(bytes, headers(type))), type).toEqual({ name: 'Statut ✓' })
  })

  it('reads any other declared charset as UTF-8: JSON is UTF-8 whatever the label says', () => {
    expect(value(decodeJson(utf8('{"name":"Café"}'), headers('application/json; charset=iso-8859-1')))).toEqual({ name: 'Café' })
  })
})

group('looksLikeBotWall', () => {
  it('recognises the challenge pages as they are written', () => {
    const walls = [
      '<title>Just a moment...</title>',
      '<title>\n    Just a moment…</title>',
      '<title>Attention Required! | Cloudflare</title>',
      '<title>Attention Required | Cloudflare</title>',
      'attention required!|cloudflare',
      '<p>Verify you are human by completing the action below.</p>',
      '<p>Please verify that you are a human</p>',
      'Checking your browser before accessing status.example.com',
      '<script src="/_Incapsula_Resource?SWJIYLWA=1"></script>',
    ]
    for (const page of walls) expect(looksLikeBotWall(page, new Headers()), page).toBe(true)
  })

  it('does not take an ordinary page for one', () => {
    const pages = ['<title>Page not found</title>', '<h1>Attention: scheduled maintenance</h1>', '{"status":{"indicator":"none"}}', '']
    for (const page of pages) expect(looksLikeBotWall(page, new Headers()), page).toBe(false)
    expect(looksLikeBotWall('', new Headers({ 'cf-mitigated': 'challenge' }))).toBe(true)
  })
})

group('describe', () => {
  it('adds the system error code undici hides in `cause`, and nothing else', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(describe(new TypeError('fetch failed', { cause: refused }))).toBe('fetch failed (ECONNREFUSED)')
    expect(describe(new Error('boom'))).toBe('boom')
    // A DOMException's `code` is a legacy number, not a system error code.
    expect(describe(new Error('aborted', { cause: new DOMException('The operation was aborted.', 'AbortError') }))).toBe('aborted')
    expect(describe('thrown as a string')).toBe('thrown as a string')
  })
})
