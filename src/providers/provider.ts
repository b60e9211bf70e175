import type { Platform, Snapshot } from '../model.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'

/**
 * A second URL whose JSON completes the snapshot: Instatus serves incidents in summary.json and
 * component statuses only in /v2/components.json. A poll needs both, so a failed companion is a
 * failed poll: a snapshot without its components would read as every component vanishing.
 */
export interface Companion {
  readonly url: string
  merge(snapshot: Snapshot, json: unknown): Result<Snapshot, PollError>
}

/** One URL to poll for a page and how to read it. */
export interface Endpoint {
  readonly url: string
  /** Validates untrusted JSON into a whole snapshot, or a `bad_shape` error: never half a snapshot. */
  parse(json: unknown): Result<Snapshot, PollError>
  /**
   * Replaces the default decoding (UTF-8/UTF-16 text → JSON.parse): feeds are XML, AWS Health
   * is UTF-16 without a charset.
   */
  decode?(bytes: Uint8Array, headers: Headers): Result<unknown, PollError>
  /** Further URLs read with this one, all or nothing (see Companion). */
  readonly companions?: readonly Companion[]
}

/** One status-page platform. A new platform is one file plus one line in the registry. */
export interface Provider {
  readonly platform: Platform
  /** Endpoints for a page's base URL, best first; later ones are fallbacks. */
  endpoints(base: URL): readonly Endpoint[]
}
