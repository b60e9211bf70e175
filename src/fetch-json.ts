import { err, ok, type Result } from './result.ts'
import { pollError, type PollError } from './poll-error.ts'
import { parseRetryAfter } from './schedule.ts'

/** Whatever a hostile server does ends as a PollError: reads stop at `maxBytes`, and the timeout covers a hang mid-body. */

export type FetchLike = (
  url: string,
  init: {
    readonly headers: Record<string, string>
    readonly signal: AbortSignal
    /**
     * Let the HTTP cache revalidate (If-None-Match) and answer a 304 with its copy: for reads we
     * keep no body of (a page's history). Polls keep their own validators and never set it.
     */
    readonly revalidate?: boolean
  },
) => Promise<Response>

export interface FetchDeps {
  readonly fetch: FetchLike
  readonly timeoutSignal: (ms: number) => AbortSignal
  readonly now: () => number
  readonly timeoutMs?: number
  /** Default 2 MiB: real bodies are 200–350 KB. */
  readonly maxBytes?: number
}

const DEFAULT_TIMEOUT_MS = 20_000
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024
/** How much of an error page is read to tell a bot challenge from a plain error. */
const SNIFF_BYTES = 64 * 1024

export interface Validators {
  readonly etag: string | null
  readonly lastModified: string | null
}

export type Fetched =
  | { readonly kind: 'not_modified'; readonly headers: Headers }
  | { readonly kind: 'body'; readonly status: number; readonly headers: Headers; readonly bytes: Uint8Array<ArrayBuffer> }

// Some pages serve their JSON as text/plain; */* keeps servers that negotiate strictly happy.
const ACCEPT = 'application/json, text/json;q=0.9, text/plain;q=0.8, */*;q=0.1'

export async function fetchBody(url: string, validators: Validators | null, deps: FetchDeps, revalidate = false): Promise<Result<Fetched, PollError>> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES
  const headers: Record<string, string> = { accept: ACCEPT }
  if (validators?.etag) headers['if-none-match'] = validators.etag
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified

  let signal: AbortSignal | undefined
  try {
    signal = deps.timeoutSignal(timeoutMs)
    // Raced against the signal too: a fetch or body stream that ignores it must not hang the poll.
    const response = await untilAborted(deps.fetch(url, revalidate ? { headers, signal, revalidate } : { headers, signal }), signal)
    if (response.status === 304) {
      discard(response)
      return ok({ kind: 'not_modified', headers: response.headers })
    }
    if (response.status < 200 || response.status > 299) {
      return err(await httpFailure(response, signal, deps.now()))
    }
    const length = Number(response.headers.get('content-length') ?? Number.NaN)
    if (Number.isFinite(length) && length > maxBytes) {
      discard(response)
      return err(tooLarge(maxBytes, `Content-Length ${length}`))
    }
    const body = await readCapped(response, maxBytes, signal)
    if (body.overflow) return err(tooLarge(maxBytes, 'stopped reading at the cap'))
    return ok({ kind: 'body', status: response.status, headers: response.headers, bytes: body.bytes })
  } catch (error) {
    if (signal?.aborted) return err(pollError('timeout', `no complete answer within ${seconds(timeoutMs)}`))
    return err(pollError('network', `connection failed: ${describe(error)}`))
  }
}

export interface PagePrefix {
  readonly headers: Headers
  readonly text: string
}

/**
 * The start of a page's HTML and its headers, for detection to find an API address on: a page
 * longer than `maxBytes` is cut, not refused.
 */
export async function fetchPagePrefix(url: string, maxBytes: number, deps: FetchDeps): Promise<Result<PagePrefix, PollError>> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let signal: AbortSignal | undefined
  try {
    signal = deps.timeoutSignal(timeoutMs)
    const response = await untilAborted(deps.fetch(url, { headers: { accept: 'text/html, */*;q=0.1' }, signal }), signal)
    if (response.status < 200 || response.status > 299) return err(await httpFailure(response, signal, deps.now()))
    const body = await readCapped(response, maxBytes, signal)
    // No bot-wall sniffing on a 200: a status page's subscribe form may well say "captcha".
    return ok({ headers: response.headers, text: decodeText(body.bytes, response.headers.get('content-type') ?? '') })
  } catch (error) {
    if (signal?.aborted) return err(pollError('timeout', `no complete answer within ${seconds(timeoutMs)}`))
    return err(pollError('network', `connection failed: ${describe(error)}`))
  }
}

/** HTML is a bot wall or an error page; other content types are not trusted (JSON comes as text/plain or untyped). */
export function decodeJson(bytes: Uint8Array<ArrayBuffer>, headers: Headers): Result<unknown, PollError> {
  const contentType = headers.get('content-type') ?? ''
  const text = decodeText(bytes, contentType)
  const start = text.trimStart()
  if (/^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType) || start.startsWith('<')) {
    if (looksLikeBotWall(text, headers)) return err(pollError('bot_wall', 'blocked by a bot check (an HTML challenge page instead of JSON)'))
    return err(pollError('not_json', `an HTML/XML page instead of JSON${contentType ? ` (${contentType})` : ''}`))
  }
  if (start === '') return err(pollError('not_json', 'an empty body instead of JSON'))
  try {
    return ok(JSON.parse(text) as unknown)
  } catch (error) {
    return err(pollError('not_json', `not valid JSON (truncated?): ${describe(error)}`))
  }
}

/** Challenge pages of Cloudflare, DDoS-Guard, Imperva, PerimeterX and friends. */
const CHALLENGE_MARKERS = [
  /<title>\s*just a moment(\.\.\.|…)/i,
  /attention required!?\s*\|\s*cloudflare/i,
  /cf-browser-verification|cf_chl_|challenge-platform|cf-challenge|cf-turnstile/i,
  /checking (if the site connection is secure|your browser)/i,
  /ddos-guard|_incapsula_resource|incapsula incident|px-captcha|perimeterx/i,
  /verify (that )?you are (a )?human|captcha/i,
]

export function looksLikeBotWall(text: string, headers: Headers): boolean {
  if (headers.has('cf-mitigated')) return true
  return CHALLENGE_MARKERS.some((marker) => marker.test(text))
}

async function httpFailure(response: Response, signal: AbortSignal, now: number): Promise<PollError> {
  const status = response.status
  const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`
  if (response.headers.has('cf-mitigated')) {
    discard(response)
    return pollError('bot_wall', `blocked by a bot check (${label})`, { httpStatus: status })
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now)
  if (status === 403 || status === 405 || status === 503) {
    // Challenges come as 403 (Cloudflare today), 503 (older Cloudflare, DDoS-Guard) or 405.
    const sniffed = await readCapped(response, SNIFF_BYTES, signal)
    const text = decodeText(sniffed.bytes, response.headers.get('content-type') ?? '')
    if (looksLikeBotWall(text, response.headers)) {
      return pollError('bot_wall', `blocked by a bot check (${label})`, { httpStatus: status })
    }
  } else {
    discard(response)
  }
  if (status === 429 || (status === 503 && retryAfterMs !== null)) {
    return pollError('rate_limited', `asked to slow down (${label})`, {
      httpStatus: status,
      ...(retryAfterMs === null ? {} : { retryAfterMs }),
    })
  }
  return pollError('http', label, { httpStatus: status })
}

interface CappedBody {
  readonly bytes: Uint8Array<ArrayBuffer>
  readonly overflow: boolean
}

/** Cancels the stream the moment it exceeds `cap`, so a lying Content-Length costs nothing. */
async function readCapped(response: Response, cap: number, signal: AbortSignal): Promise<CappedBody> {
  const body = response.body
  if (body === null) return { bytes: new Uint8Array(0), overflow: false }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal)
      if (done) return { bytes: concat(chunks, total), overflow: false }
      if (total + value.byteLength > cap) {
        chunks.push(value.subarray(0, cap - total))
        reader.cancel().catch(ignore)
        return { bytes: concat(chunks, cap), overflow: true }
      }
      chunks.push(value)
      total += value.byteLength
    }
  } catch (error) {
    reader.cancel().catch(ignore)
    throw error
  }
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** JSON is UTF-8 (RFC 8259), but AWS serves UTF-16 with a BOM: honour a BOM or a UTF-16 charset. */
function decodeText(bytes: Uint8Array, contentType: string): string {
  let encoding = 'utf-8'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be'
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le'
  else {
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase()
    if (charset === 'utf-16be' || charset === 'utf-16le') encoding = charset
    else if (charset === 'utf-16') encoding = 'utf-16le'
  }
  return new TextDecoder(encoding).decode(bytes)
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(ignore)
    return Promise.reject(new Error('aborted'))
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

function discard(response: Response): void {
  response.body?.cancel().catch(ignore)
}

function tooLarge(maxBytes: number, detail: string): PollError {
  return pollError('too_large', `body larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MiB (${detail})`)
}

/** undici says only "fetch failed" and puts ECONNREFUSED & co. in `cause`. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause: unknown = error.cause
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : ''
  return `${error.message}${code}`
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

function ignore(): void {}
