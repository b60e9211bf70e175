import type { Snapshot } from '../model.ts'
import type { PollError } from '../poll-error.ts'
import type { Result } from '../result.ts'
import type { Endpoint } from './provider.ts'

/**
 * Two optional Endpoint members that some platforms need and provider.ts does not declare yet.
 * The providers attach them to their endpoint objects now; once provider.ts declares them as
 * optional members of Endpoint, these interfaces become plain aliases of it.
 */

/** Feeds are XML, not JSON: the endpoint turns the body bytes into what its `parse` reads. */
export interface DecodingEndpoint extends Endpoint {
  /** Replaces the default decoding (UTF-8/UTF-16 text → JSON.parse) for this endpoint. */
  decode(bytes: Uint8Array, headers: Headers): Result<unknown, PollError>
}

/**
 * A second URL whose JSON completes the snapshot: Instatus serves incidents in summary.json and
 * component statuses only in /v2/components.json. A poll needs both, so a failed companion is a
 * failed poll: a snapshot without its components would read as every component vanishing.
 */
export interface Companion {
  readonly url: string
  merge(snapshot: Snapshot, json: unknown): Result<Snapshot, PollError>
}

export interface EndpointWithCompanions extends Endpoint {
  readonly companions: readonly Companion[]
}
