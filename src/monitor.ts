import { awaitsConfirmation, diffSnapshot } from './diff.ts'
import type { MonitorEvent } from './events.ts'
import { describe, type FetchDeps, type Validators } from './fetch-json.ts'
import { pastNeeded } from './history/need.ts'
import { occasionOf, ORDINARY_POLL, type Occasion } from './history/occasion.ts'
import { NO_PAST, readPast } from './history/read-past.ts'
import { BACKFILL_MS, backfillEvents, withPast } from './history/reconcile.ts'
import type { Platform, Snapshot } from './model.ts'
import type { SeenState } from './seen-state.ts'
import type { PageState } from './page-state.ts'
import { pollError, type PollError } from './poll-error.ts'
import type { Endpoint, Provider } from './providers/provider.ts'
import { providerFor } from './providers/index.ts'
import { companionsOf, parseBodies, readEndpoint, triesNextEndpoint } from './read-endpoint.ts'
import { saneTimes } from './sane-times.ts'
import { ok, type Result } from './result.ts'
import { afterFailure, nextPollDelay, parseCacheMaxAge } from './schedule.ts'

/**
 * One poll of one page: conditional GET → (304: done) → hash (equal: done) → JSON → provider
 * parse → saneTimes → diff → events and the next PageState. Never throws: a failure is a
 * PollError in the state, with no events and the next poll backed off. The page's history is
 * read only when the summary cannot tell the story (history/need.ts), 304 or not.
 *
 * Cost by outcome (what makes 1,000 pages cheap):
 *   not_modified  no body read, no hash, no parse, no diff
 *   unchanged     body read and hashed; no parse, no diff
 *   changed       everything
 */

export interface PollTarget {
  readonly base: URL | string
  readonly platform: Platform
}

export interface PollInput {
  readonly page: PollTarget
  readonly state: PageState
}

export interface PollDeps extends FetchDeps {
  readonly random: () => number
  readonly providerFor?: (platform: Platform) => Provider
  /** Awaited before parsing a new body, so the popup never waits for more than one page's work (docs/benchmarks.md). */
  readonly pause?: () => Promise<void>
}

export type PollResult = 'not_modified' | 'unchanged' | 'changed' | 'error'

export interface PollOutcome {
  readonly state: PageState
  readonly events: MonitorEvent[]
  /** How the events are told: one by one, or as one first-sight or catch-up summary. */
  readonly occasion: Occasion
  /** Past events for the history only (a new page's last days): nobody is notified of them. */
  readonly backfill: MonitorEvent[]
  readonly nextDueAt: number
  readonly result: PollResult
  /** False when only the timing fields moved: a 304 on a healthy page costs no storage write. */
  readonly stateChanged: boolean
}

export async function pollPage(input: PollInput, deps: PollDeps): Promise<PollOutcome> {
  try {
    return await poll(input, deps)
  } catch (error) {
    // A parser or diff bug on some unforeseen payload: this page is unreadable, the rest carries on.
    return failed(input.state, pollError('bad_shape', `internal error: ${describe(error)}`), safeNow(deps, input.state), deps)
  }
}

async function poll({ page, state }: PollInput, deps: PollDeps): Promise<PollOutcome> {
  const base = typeof page.base === 'string' ? new URL(page.base) : page.base
  const provider = (deps.providerFor ?? providerFor)(page.platform)
  const endpoints = provider.endpoints(base)
  const errors: { url: string; error: PollError }[] = []
  // The primary first every time: it is the richer source (OpenAI's native JSON vs its lossy
  // summary.json) and its trouble is usually short; the price is one extra request per poll.
  for (const endpoint of endpoints) {
    const attempt = await pollEndpoint(endpoint, { provider, base }, state, deps)
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

interface PageSource {
  readonly provider: Provider
  readonly base: URL
}

async function pollEndpoint(endpoint: Endpoint, source: PageSource, state: PageState, deps: PollDeps): Promise<Result<PollOutcome, PollError>> {
  // Without a snapshot and seen-state a 304 would leave us with nothing. Endpoints with
  // companions are never conditional (readEndpoint) but still benefit from the hash.
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
    return ok(await sameAnswer(source, state, {}, 'not_modified', at, cacheMaxAgeMs, deps))
  }

  const { headers, bodyHash, bodies } = read.value
  const etag = headers.get('etag')
  const lastModified = headers.get('last-modified')
  if (sameSource && bodyHash === state.bodyHash) {
    // New validators (a server that rotates ETags) are kept so the next request can be a 304.
    return ok(await sameAnswer(source, state, { etag, lastModified }, 'unchanged', at, cacheMaxAgeMs, deps))
  }

  await deps.pause?.()
  const parsed = parseBodies(endpoint, bodies)
  if (!parsed.ok) return parsed
  const snapshot = saneTimes(parsed.value, at)
  // Validators and hash are per URL, and so are update ids: see DiffOptions.sourceChanged.
  const sourceChanged = state.seen !== null && state.url !== null && state.url !== endpoint.url
  const told = await tell(source, state, snapshot, sourceChanged, at, deps)
  const changes: Partial<PageState> = { url: endpoint.url, etag, lastModified, bodyHash, seen: told.seen, snapshot }
  return ok(succeeded(state, changes, 'changed', told, at, cacheMaxAgeMs, deps))
}

interface Told {
  readonly events: MonitorEvent[]
  readonly seen: SeenState
  readonly occasion: Occasion
  readonly backfill: MonitorEvent[]
}

/** The diff, with the page's history where the summary alone cannot tell (history/reconcile.ts). */
async function tell(
  source: PageSource,
  state: PageState,
  snapshot: Snapshot,
  sourceChanged: boolean,
  at: number,
  deps: PollDeps,
  occasion: Occasion = occasionOf(state, at),
): Promise<Told> {
  const need = pastNeeded(state.seen, snapshot, occasion)
  const sources = need.incidents || need.maintenances ? source.provider.past?.(source.base, { from: at - BACKFILL_MS, to: at }) : undefined
  const past = sources === undefined ? NO_PAST : await readPast(sources, need, deps)
  if (state.seen === null) {
    const { events, seen } = diffSnapshot(null, snapshot)
    return { events, seen, occasion, backfill: backfillEvents(snapshot, past, at) }
  }
  const { events, seen } = diffSnapshot(state.seen, withPast(snapshot, state.seen, past, occasion), { sourceChanged, gap: occasion.kind === 'catch_up' })
  return { events, seen, occasion, backfill: [] }
}

/**
 * The same answer as last time still confirms what the last one left missing (diffSnapshot),
 * and after a gap it still needs the history: an incident may have opened and ended meanwhile.
 */
async function sameAnswer(
  source: PageSource,
  state: PageState,
  changes: Partial<PageState>,
  result: 'not_modified' | 'unchanged',
  at: number,
  cacheMaxAgeMs: number | null,
  deps: PollDeps,
): Promise<PollOutcome> {
  const quiet = { events: [], occasion: ORDINARY_POLL, backfill: [] }
  if (state.seen === null || state.snapshot === null) return succeeded(state, changes, result, quiet, at, cacheMaxAgeMs, deps)
  const occasion = occasionOf(state, at)
  if (!awaitsConfirmation(state.seen) && occasion.kind === 'poll') return succeeded(state, changes, result, quiet, at, cacheMaxAgeMs, deps)
  const told = await tell(source, state, state.snapshot, false, at, deps, occasion)
  return succeeded(state, { ...changes, seen: told.seen }, 'changed', told, at, cacheMaxAgeMs, deps)
}

function succeeded(
  state: PageState,
  changes: Partial<PageState>,
  result: Exclude<PollResult, 'error'>,
  { events, occasion, backfill }: Pick<Told, 'events' | 'occasion' | 'backfill'>,
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
    occasion,
    backfill,
    nextDueAt,
    result,
    stateChanged,
  }
}

function failed(state: PageState, error: PollError, at: number, deps: PollDeps): PollOutcome {
  const next = afterFailure(state, error, at, deps.random)
  return { state: next, events: [], occasion: ORDINARY_POLL, backfill: [], nextDueAt: next.nextDueAt, result: 'error', stateChanged: true }
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
