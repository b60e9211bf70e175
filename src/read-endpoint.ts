import { decodeJson, describe, fetchBody, type FetchDeps, type Validators } from './fetch-json.ts'
import { sha256Hex } from './hash.ts'
import type { Snapshot } from './model.ts'
import { pollError, type PollError } from './poll-error.ts'
import type { Companion, Endpoint } from './providers/provider.ts'
import { err, ok, type Result } from './result.ts'

/** One endpoint read and parsed, for polls and detection; companions (Instatus's component statuses) all or none. */

export type EndpointRead =
  | { readonly kind: 'not_modified'; readonly headers: Headers }
  | {
      readonly kind: 'body'
      readonly headers: Headers
      /** Over the companions' bodies too. */
      readonly bodyHash: string
      readonly bodies: readonly Body[]
    }

interface Body {
  readonly bytes: Uint8Array<ArrayBuffer>
  readonly headers: Headers
}

export function companionsOf(endpoint: Endpoint): readonly Companion[] {
  return endpoint.companions ?? []
}

/** Never conditional with companions: a 304 on the first URL says nothing about the others. */
export async function readEndpoint(endpoint: Endpoint, validators: Validators | null, deps: FetchDeps): Promise<Result<EndpointRead, PollError>> {
  const companions = companionsOf(endpoint)
  const first = await fetchBody(endpoint.url, companions.length === 0 ? validators : null, endpoint.maxBytes === undefined ? deps : { ...deps, maxBytes: endpoint.maxBytes })
  if (!first.ok) return first
  if (first.value.kind === 'not_modified') {
    if (validators === null || companions.length > 0) return err(pollError('http', 'HTTP 304 to a request that was not conditional', { httpStatus: 304 }))
    return ok({ kind: 'not_modified', headers: first.value.headers })
  }
  const bodies: Body[] = [{ bytes: first.value.bytes, headers: first.value.headers }]
  for (const companion of companions) {
    const next = await fetchBody(companion.url, null, deps)
    if (!next.ok) return err({ ...next.error, message: `${companion.url}: ${next.error.message}` })
    if (next.value.kind === 'not_modified') return err(pollError('http', `${companion.url}: HTTP 304 to a request that was not conditional`, { httpStatus: 304 }))
    bodies.push({ bytes: next.value.bytes, headers: next.value.headers })
  }
  const hashes = await Promise.all(bodies.map((body) => sha256Hex(body.bytes)))
  const bodyHash = hashes.length === 1 && hashes[0] !== undefined ? hashes[0] : await sha256Hex(hashes.join('\n'))
  return ok({ kind: 'body', headers: first.value.headers, bodyHash, bodies })
}

export function parseBodies(endpoint: Endpoint, bodies: readonly Body[]): Result<Snapshot, PollError> {
  const [first, ...rest] = bodies
  if (first === undefined) return err(pollError('bad_shape', 'no body'))
  try {
    const decoded = endpoint.decode ? endpoint.decode(first.bytes, first.headers) : decodeJson(first.bytes, first.headers)
    if (!decoded.ok) return decoded
    let snapshot = endpoint.parse(decoded.value)
    const companions = companionsOf(endpoint)
    for (const [i, body] of rest.entries()) {
      const companion = companions[i]
      if (!snapshot.ok || companion === undefined) break
      const json = decodeJson(body.bytes, body.headers)
      if (!json.ok) return err({ ...json.error, message: `${companion.url}: ${json.error.message}` })
      snapshot = companion.merge(snapshot.value, json.value)
    }
    return snapshot
  } catch (error) {
    return err(pollError('bad_shape', `parser failed: ${describe(error)}`))
  }
}

/** Failures of one URL, not of the host; network trouble, rate limits and bot walls hit every endpoint alike. */
export function triesNextEndpoint(error: PollError): boolean {
  return (
    error.kind === 'bad_shape' ||
    error.kind === 'not_json' ||
    (error.kind === 'http' && (error.httpStatus === 404 || error.httpStatus === 410))
  )
}
