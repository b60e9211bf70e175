import { describe, fetchPagePrefix, type FetchDeps, type PagePrefix } from './fetch-json.ts'
import type { Platform, Snapshot } from './model.ts'
import { pollError, type PollError } from './poll-error.ts'
import { detectionOrder, providerFor } from './providers/index.ts'
import type { Discovery, Endpoint, Provider } from './providers/provider.ts'
import { parseBodies, readEndpoint } from './read-endpoint.ts'
import { err, ok, type Result } from './result.ts'

/** The first candidate whose primary endpoint parses; run on adding a URL and when a page stops parsing (pages migrate). */

export interface DetectDeps extends FetchDeps {
  readonly providerFor?: (platform: Platform) => Provider
  readonly detectionOrder?: (base: URL) => readonly Platform[]
}

export interface Detected {
  readonly platform: Platform
  readonly snapshot: Snapshot
  /** The address to store instead of the pasted one, when the platform found its API address on the page (Provider.discover). */
  readonly base?: URL
}

/** The host is unreachable or asked us to slow down: asking it about other platforms is pointless. */
const GIVES_UP_ON: readonly PollError['kind'][] = ['network', 'timeout', 'rate_limited']
const UNREACHABLE: readonly PollError['kind'][] = ['network', 'timeout']
/** When every candidate failed, the kind reported is the most telling one, in this order. */
const TELLING: readonly PollError['kind'][] = ['bot_wall', 'rate_limited', 'permission', 'too_large', 'timeout', 'network']

/** `platform: null`: the detection itself failed. */
interface Failure {
  readonly platform: Platform | null
  readonly error: PollError
}

export async function detectPlatform(base: URL, deps: DetectDeps): Promise<Result<Detected, PollError>> {
  const failures: Failure[] = []
  try {
    const order = (deps.detectionOrder ?? detectionOrder)(base)
    const readPage = pageReader(base, deps)
    for (const platform of order) {
      const provider = (deps.providerFor ?? providerFor)(platform)
      const target = provider.discover?.needed(base) === true ? await discover(provider.discover, base, readPage) : ok(base)
      const attempt = target.ok ? await tryPlatform(provider, target.value, deps) : target
      if (attempt === null) continue
      if (attempt.ok) return ok({ platform, snapshot: attempt.value, ...(target.ok && target.value !== base ? { base: target.value } : {}) })
      failures.push({ platform, error: attempt.error })
      if (GIVES_UP_ON.includes(attempt.error.kind)) break
    }
  } catch (error) {
    failures.push({ platform: null, error: pollError('bad_shape', `internal error: ${describe(error)}`) })
  }
  return err(summarize(base, failures))
}

/** Null: no endpoint for this address. */
async function tryPlatform(provider: Provider, base: URL, deps: FetchDeps): Promise<Result<Snapshot, PollError> | null> {
  const endpoint = provider.endpoints(base)[0]
  return endpoint === undefined ? null : tryEndpoint(endpoint, deps)
}

type PageReader = (maxBytes: number) => Promise<Result<PagePrefix, PollError>>

/** The page is read once per detection, however many platforms look at it, as far as the largest budget asks. */
function pageReader(base: URL, deps: FetchDeps): PageReader {
  let read: { readonly maxBytes: number; readonly page: Promise<Result<PagePrefix, PollError>> } | null = null
  return (maxBytes) => {
    if (read === null || read.maxBytes < maxBytes) read = { maxBytes, page: fetchPagePrefix(base.href, maxBytes, deps) }
    return read.page
  }
}

async function discover(discovery: Discovery, base: URL, readPage: PageReader): Promise<Result<URL, PollError>> {
  const page = await readPage(discovery.maxBytes)
  if (!page.ok) return page
  const found = discovery.find({ base, headers: page.value.headers, text: page.value.text.slice(0, discovery.maxBytes) })
  return found.ok ? found : err(pollError('bad_shape', found.error))
}

async function tryEndpoint(endpoint: Endpoint, deps: FetchDeps): Promise<Result<Snapshot, PollError>> {
  const read = await readEndpoint(endpoint, null, deps)
  if (!read.ok) return read
  if (read.value.kind === 'not_modified') return err(pollError('http', 'HTTP 304 to a request that was not conditional', { httpStatus: 304 }))
  return parseBodies(endpoint, read.value.bodies)
}

function summarize(base: URL, failures: readonly Failure[]): PollError {
  const reasons = failures.map((f) => (f.platform === null ? f.error.message : `${f.platform}: ${f.error.message}`)).join('; ')
  const telling = TELLING.map((kind) => failures.find((f) => f.error.kind === kind)).find((f) => f !== undefined) ?? failures[0]
  // An unreachable host says nothing about what it serves: do not call it "not a status page".
  const unreachable = telling !== undefined && UNREACHABLE.includes(telling.error.kind)
  const message = `${unreachable ? 'could not reach' : 'not a status page we can read:'} ${base.href}${reasons === '' ? ' (no platform to try)' : ` (${reasons})`}`
  if (telling === undefined) return pollError('bad_shape', message)
  const { kind, httpStatus, retryAfterMs } = telling.error
  return pollError(kind, message, {
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  })
}
