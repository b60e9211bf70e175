import { awaitsConfirmation, diffSnapshot } from './diff.ts'
import type { MonitorEvent } from './events.ts'
import { describe, type FetchDeps, type Validators } from './fetch-json.ts'
import type { Platform } from './model.ts'
import type { PageState } from './page-state.ts'
import { pollError, type PollError } from './poll-error.ts'
import type { Endpoint, Provider } from './providers/provider.ts'
import { providerFor } from './providers/index.ts'
import { companionsOf, parseBodies, readEndpoint } from './read-endpoint.ts'
import { saneTimes } from './sane-times.ts'
import { ok, type Result } from './result.ts'
import { afterFailure, nextPollDelay, parseCacheMaxAge } from './schedule.ts'

/**
 * One poll of one page: conditional GET → (304: done) → hash (equal: done) → JSON → provider
 * parse → insane times made unknown (sane-times.ts) → diff → events and the next PageState.
 * Never throws: whatever goes wrong becomes a typed PollError in the returned state, with no
 * events, the seen-state and the last good snapshot kept, and the next poll pushed back by the
 * error backoff.
 *
 * Cost by outcome (what makes 1,000 pages cheap):
 *   not_modified  no body read, no hash, no parse, no diff
 *   unchanged     body read and hashed; no parse, no diff
 *   changed       everything
 */

export interface PollTarget {
  /** The page's base URL (https://status.openai.com). */
  readonly base: URL | string
  readonly platform: Platform
}

export interface PollInput {
  readonly page: PollTarget
  readonly state: PageState
}

export interface PollDeps extends FetchDeps {
  /** Uniform in [0, 1): jitter for the error backoff. */
  readonly random: () => number
  /** Defaults to the provider registry; tests inject providers with spied parsers. */
  readonly providerFor?: (platform: Platform) => Provider
  /**
   * Awaited before the work a new body costs (parse, diff): the shell lets a waiting message in
   * there, so a cycle of heavy pages never keeps the popup waiting for more than one page's work.
   */
  readonly pause?: () => Promise<void>
}

export type PollResult = 'not_modified' | 'unchanged' | 'changed' | 'error'

export interface PollOutcome {
  readonly state: PageState
  /** Only ever non-empty when result is 'changed'. */
  readonly events: MonitorEvent[]
  readonly nextDueAt: number
  readonly result: PollResult
  /**
   * Whether a durable field of the state changed (see PageState): when false, only the timing
   * fields moved (lastCheckedAt, lastOkAt, nextDueAt) and the stored PageState need not be
   * rewritten: a 304 or an equal body on a healthy page costs no storage write.
   */
  readonly stateChanged: boolean
}

export async function pollPage(input: PollInput, deps: PollDeps): Promise<PollOutcome> {
  try {
    return await poll(input, deps)
  } catch (error) {
    // A bug in a parser or in the diff on some unforeseen payload: the page is unreadable for
    // now, and the rest of the engine carries on.
    return failed(input.state, pollError('bad_shape', `internal error: ${describe(error)}`), safeNow(deps, input.state), deps)
  }
}

async function poll({ page, state }: PollInput, deps: PollDeps): Promise<PollOutcome> {
  const base = typeof page.base === 'string' ? new URL(page.base) : page.base
  const endpoints = (deps.providerFor ?? providerFor)(page.platform).endpoints(base)
  const errors: { url: string; error: PollError }[] = []
  // Always the best endpoint first: a fallback that worked once is not made sticky, because the
  // primary is the richer source (OpenAI's native JSON vs its lossy summary.json) and its trouble
  // is usually short. The price while it lasts is one extra request per poll.
  for (const endpoint of endpoints) {
    const attempt = await pollEndpoint(endpoint, state, deps)
    if (attempt.ok) return attempt.value
    errors.push({ url: endpoint.url, error: attempt.error })
    if (!triesNextEndpoint(attempt.error)) break
  }
  const [first, ...rest] = errors
  const error =
    first === undefined
      ? pollError('bad_shape', `no endpoint to poll for ${page.platform}`)
      : rest.length === 0
        ? first.error
        : { ...first.error, message: `${first.error.message}; fallback: ${rest.map((e) => e.error.message).join('; ')}` }
  return failed(state, error, deps.now(), deps)
}

/**
 * Failures that belong to one URL, not to the host: another endpoint of the same provider may
 * still work. Network trouble, timeouts, rate limits and bot walls hit every endpoint alike, so
 * trying the next one would only double the load on a struggling source.
 */
function triesNextEndpoint(error: PollError): boolean {
  return (
    error.kind === 'bad_shape' ||
    error.kind === 'not_json' ||
    (error.kind === 'http' && (error.httpStatus === 404 || error.httpStatus === 410))
  )
}

async function pollEndpoint(endpoint: Endpoint, state: PageState, deps: PollDeps): Promise<Result<PollOutcome, PollError>> {
  // Validators and hash vouch for the snapshot and seen-state we hold; without them a 304 would
  // leave us with nothing, so then the request is unconditional. Endpoints with companions are
  // never conditional (see readEndpoint) but still benefit from the hash.
  const sameSource = state.url === endpoint.url && state.snapshot !== null && state.seen !== null
  const validators: Validators | null =
    sameSource && companionsOf(endpoint).length === 0 && (state.etag !== null || state.lastModified !== null)
      ? { etag: state.etag, lastModified: state.lastModified }
      : null

  const read = await readEndpoint(endpoint, validators, deps)
  if (!read.ok) return read
  const at = deps.now()
  const cacheMaxAgeMs = parseCacheMaxAge(read.value.headers.get('cache-control'))
  if (read.value.kind === 'not_modified') {
    return ok(sameAnswer(state, {}, 'not_modified', at, cacheMaxAgeMs, deps))
  }

  const { headers, bodyHash, bodies } = read.value
  const etag = headers.get('etag')
  const lastModified = headers.get('last-modified')
  if (sameSource && bodyHash === state.bodyHash) {
    // Same bytes as the body the snapshot came from: nothing to parse or diff. New validators
    // (a server that rotates ETags) are kept so the next request can be a cheap 304.
    return ok(sameAnswer(state, { etag, lastModified }, 'unchanged', at, cacheMaxAgeMs, deps))
  }

  await deps.pause?.()
  const parsed = parseBodies(endpoint, bodies)
  if (!parsed.ok) return parsed
  const snapshot = saneTimes(parsed.value, at)
  // Validators and hash are per URL, and so are update ids: see DiffOptions.sourceChanged.
  const sourceChanged = state.seen !== null && state.url !== null && state.url !== endpoint.url
  const { events, seen } = diffSnapshot(state.seen, snapshot, { sourceChanged })
  const changes: Partial<PageState> = { url: endpoint.url, etag, lastModified, bodyHash, seen, snapshot }
  return ok(succeeded(state, changes, 'changed', events, at, cacheMaxAgeMs, deps))
}

/**
 * The same answer as last time. It still counts as an answer: when the last one left an incident
 * or maintenance missing, this one confirms its end (diffSnapshot), so the stored snapshot is
 * diffed again. Otherwise there is nothing to parse or diff.
 */
function sameAnswer(
  state: PageState,
  changes: Partial<PageState>,
  result: 'not_modified' | 'unchanged',
  at: number,
  cacheMaxAgeMs: number | null,
  deps: PollDeps,
): PollOutcome {
  if (state.seen === null || state.snapshot === null || !awaitsConfirmation(state.seen)) {
    return succeeded(state, changes, result, [], at, cacheMaxAgeMs, deps)
  }
  const { events, seen } = diffSnapshot(state.seen, state.snapshot)
  return succeeded(state, { ...changes, seen }, 'changed', events, at, cacheMaxAgeMs, deps)
}

function succeeded(
  state: PageState,
  changes: Partial<PageState>,
  result: Exclude<PollResult, 'error'>,
  events: MonitorEvent[],
  at: number,
  cacheMaxAgeMs: number | null,
  deps: PollDeps,
): PollOutcome {
  const durable: PageState = { ...state, ...changes, errorCount: 0, lastError: null }
  const confirming = durable.seen !== null && awaitsConfirmation(durable.seen)
  const nextDueAt = at + nextPollDelay({ errorCount: 0, snapshot: durable.snapshot, confirming, cacheMaxAgeMs, random: deps.random })
  const stateChanged =
    result === 'changed' ||
    state.errorCount !== 0 ||
    state.lastError !== null ||
    durable.etag !== state.etag ||
    durable.lastModified !== state.lastModified
  return {
    state: { ...durable, lastCheckedAt: at, lastOkAt: at, nextDueAt },
    events,
    nextDueAt,
    result,
    stateChanged,
  }
}

/** Any error: no events; seen-state, snapshot, validators and hash kept; backoff grows. */
function failed(state: PageState, error: PollError, at: number, deps: PollDeps): PollOutcome {
  const next = afterFailure(state, error, at, deps.random)
  return { state: next, events: [], nextDueAt: next.nextDueAt, result: 'error', stateChanged: true }
}

function safeNow(deps: PollDeps, state: PageState): number {
  try {
    const now = deps.now()
    if (Number.isFinite(now)) return now
  } catch {
    // fall through
  }
  return state.lastCheckedAt ?? 0
}
