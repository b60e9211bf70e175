import { describe, fetchPagePrefix, type FetchDeps, type PagePrefix } from './fetch-json.ts'
import type { Platform, Snapshot } from './model.ts'
import { pollError, type PollError } from './poll-error.ts'
import { detectionOrder, providerFor } from './providers/index.ts'
import type { Discovery, Endpoint, Provider } from './providers/provider.ts'
import { announcedFeed } from './providers/feed-links.ts'
import { isFeedUrl } from './providers/urls.ts'
import { companionsOf, parseBodies, readEndpoint, triesNextEndpoint, type EndpointRead } from './read-endpoint.ts'
import { err, ok, type Result } from './result.ts'

/** The first candidate whose primary endpoint parses; run on adding a URL and when a page stops parsing (pages migrate). */

export interface DetectDeps extends FetchDeps {
  readonly providerFor?: (platform: Platform) => Provider
  readonly detectionOrder?: (base: URL) => readonly Platform[]
}

export interface Detected {
  readonly platform: Platform
  readonly snapshot: Snapshot
  /**
   * Where the page is read when not at the address given: status.io's address with its page id
   * (Provider.discover), the feed its HTML announces, or the site a pasted feed sits in.
   */
  readonly base?: URL
}

/** The host is unreachable or asked us to slow down: asking it about other platforms is pointless. */
const GIVES_UP_ON: readonly PollError['kind'][] = ['network', 'timeout', 'rate_limited']
const UNREACHABLE: readonly PollError['kind'][] = ['network', 'timeout']
/** When every candidate failed, the kind reported is the most telling one, in this order. */
const TELLING: readonly PollError['kind'][] = ['bot_wall', 'rate_limited', 'permission', 'too_large', 'timeout', 'network']

/**
 * `platform: null`: the detection itself failed. `read`: what was read (an endpoint, or the page for
 * its links), listed to the user; `named`: also in the message, when a platform has several to try.
 */
interface Failure {
  readonly platform: Platform | null
  readonly read?: string
  readonly named?: true
  readonly error: PollError
}

/** One thing detection tried and why it did not fit: the options page lists them when nothing matched. */
export interface Tried {
  readonly platform: Platform | null
  readonly url: string | null
  readonly reason: string
}

export interface DetectionError extends PollError {
  /** The message without its list of reasons: "not a status page we can read: https://…/". */
  readonly headline: string
  readonly tried: readonly Tried[]
}

/** Enough for the `<head>` of any status page; a feed link further down is not looked for. */
const ANNOUNCING_PAGE_MAX_BYTES = 256 * 1024

/**
 * A pasted feed address (`status.x.ai/feed.xml`) is read as a feed there, but the site it sits in is
 * asked first for a richer platform (an incident.io page's `feed.atom`): found there, the page moves
 * to the site's address (`base`).
 */
export async function detectPlatform(base: URL, deps: DetectDeps): Promise<Result<Detected, DetectionError>> {
  const failures: Failure[] = []
  const read = readOnce(deps)
  try {
    const feedAddress = isFeedUrl(base)
    const site = feedAddress ? siteOf(base) : base
    const order = (deps.detectionOrder ?? detectionOrder)(site)
    const readPage = pageReader(site, deps)
    for (const platform of order) {
      const provider = (deps.providerFor ?? providerFor)(platform)
      const atFeed = feedAddress && platform === 'feed'
      let at = atFeed ? base : site
      if (!atFeed && provider.discover?.needed(site) === true) {
        const found = await discover(provider.discover, site, readPage)
        if (!found.ok) {
          failures.push({ platform, read: site.href, error: found.error })
          if (gaveUp(failures)) return err(summarize(base, failures))
          continue
        }
        at = found.value
      }
      const endpoints = atFeed ? provider.endpoints(base) : (provider.detectionEndpoints?.(at) ?? provider.endpoints(at).slice(0, 1))
      const found = await tryEach(platform, endpoints, failures, read)
      if (found !== null) return ok({ platform, snapshot: found, ...(at === base ? {} : { base: at }) })
      if (gaveUp(failures)) return err(summarize(base, failures))
    }
    if (order.includes('feed') && !feedAddress) {
      const announced = await findAnnouncedFeed(base, readPage, failures)
      if (announced !== null) {
        const provider = (deps.providerFor ?? providerFor)('feed')
        const found = await tryEach('feed', provider.endpoints(announced), failures, read, true)
        if (found !== null) return ok({ platform: 'feed', snapshot: found, base: announced })
      }
    }
  } catch (error) {
    failures.push({ platform: null, error: pollError('bad_shape', `internal error: ${describe(error)}`) })
  }
  return err(summarize(base, failures))
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

/** The folder a feed file sits in, in normalizeBaseUrl's form: `…/status/feed.xml` → `…/status`. */
function siteOf(feedAddress: URL): URL {
  const site = new URL(feedAddress)
  site.pathname = site.pathname.replace(/\/[^/]*$/, '') || '/'
  return site
}

function gaveUp(failures: readonly Failure[]): boolean {
  const last = failures[failures.length - 1]
  return last !== undefined && GIVES_UP_ON.includes(last.error.kind)
}

/** In order while the failure is one of that URL alone (a 404, not a feed); null when none parses. */
async function tryEach(platform: Platform, endpoints: readonly Endpoint[], failures: Failure[], read: ReadOnce, nameUrls = endpoints.length > 1): Promise<Snapshot | null> {
  for (const endpoint of endpoints) {
    const attempt = await tryEndpoint(endpoint, read)
    if (attempt.ok) return attempt.value
    failures.push({ platform, read: endpoint.url, ...(nameUrls ? { named: true } : {}), error: attempt.error })
    if (!triesNextEndpoint(attempt.error)) break
  }
  return null
}

/** The page itself, when it is HTML: the feed its `<link rel="alternate">` names in its first bytes, or null. */
async function findAnnouncedFeed(base: URL, readPage: PageReader, failures: Failure[]): Promise<URL | null> {
  const page = await readPage(ANNOUNCING_PAGE_MAX_BYTES)
  if (!page.ok) {
    failures.push({ platform: 'feed', read: base.href, named: true, error: page.error })
    return null
  }
  return announcedFeed(page.value.text.slice(0, ANNOUNCING_PAGE_MAX_BYTES), base)
}

async function tryEndpoint(endpoint: Endpoint, readOnce: ReadOnce): Promise<Result<Snapshot, PollError>> {
  const read = await readOnce(endpoint)
  if (!read.ok) return read
  if (read.value.kind === 'not_modified') return err(pollError('http', 'HTTP 304 to a request that was not conditional', { httpStatus: 304 }))
  return parseBodies(endpoint, read.value.bodies)
}

type ReadOnce = (endpoint: Endpoint) => Promise<Result<EndpointRead, PollError>>

/** Better Stack and cState both answer at `/index.json`: one detection reads a URL once, and each platform parses it. */
function readOnce(deps: FetchDeps): ReadOnce {
  const reads = new Map<string, Promise<Result<EndpointRead, PollError>>>()
  return (endpoint) => {
    const key = JSON.stringify([endpoint.url, endpoint.maxBytes ?? null, companionsOf(endpoint).map((companion) => companion.url)])
    let read = reads.get(key)
    if (read === undefined) {
      read = readEndpoint(endpoint, null, deps)
      reads.set(key, read)
    }
    return read
  }
}

function summarize(base: URL, failures: readonly Failure[]): DetectionError {
  const reasons = failures
    .map((f) => (f.platform === null ? f.error.message : `${f.platform}${f.named && f.read !== undefined ? ` ${f.read}` : ''}: ${f.error.message}`))
    .join('; ')
  const telling = TELLING.map((kind) => failures.find((f) => f.error.kind === kind)).find((f) => f !== undefined) ?? failures[0]
  // An unreachable host says nothing about what it serves: do not call it "not a status page".
  const unreachable = telling !== undefined && UNREACHABLE.includes(telling.error.kind)
  const headline = `${unreachable ? 'could not reach' : 'not a status page we can read:'} ${base.href}`
  const message = `${headline}${reasons === '' ? ' (no platform to try)' : ` (${reasons})`}`
  const tried = failures.map((f): Tried => ({ platform: f.platform, url: f.read ?? null, reason: f.error.message }))
  if (telling === undefined) return { ...pollError('bad_shape', message), headline, tried }
  const { kind, httpStatus, retryAfterMs } = telling.error
  const error = pollError(kind, message, {
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  })
  return { ...error, headline, tried }
}
