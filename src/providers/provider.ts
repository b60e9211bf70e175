import type { Platform, Snapshot } from '../model.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'

/** One URL to poll for a page and how to read its JSON. */
export interface Endpoint {
  readonly url: string
  /** Validates untrusted JSON into a whole snapshot, or a `bad_shape` error: never half a snapshot. */
  parse(json: unknown): Result<Snapshot, PollError>
}

/** One status-page platform. A new platform is one file plus one line in the registry. */
export interface Provider {
  readonly platform: Platform
  /** Endpoints for a page's base URL, best first; later ones are fallbacks. */
  endpoints(base: URL): readonly Endpoint[]
}
