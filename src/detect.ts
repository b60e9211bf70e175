import { describe, type FetchDeps } from './fetch-json.ts'
import type { Platform, Snapshot } from './model.ts'
import { pollError, type PollError } from './poll-error.ts'
import { detectionOrder, providerFor } from './providers/index.ts'
import type { Endpoint, Provider } from './providers/provider.ts'
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
    for (const platform of order) {
      const endpoint = (deps.providerFor ?? providerFor)(platform).endpoints(base)[0]
      if (endpoint === undefined) continue
      const attempt = await tryEndpoint(endpoint, deps)
      if (attempt.ok) return ok({ platform, snapshot: attempt.value })
      failures.push({ platform, error: attempt.error })
      if (GIVES_UP_ON.includes(attempt.error.kind)) break
    }
  } catch (error) {
    failures.push({ platform: null, error: pollError('bad_shape', `internal error: ${describe(error)}`) })
  }
  return err(summarize(base, failures))
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
