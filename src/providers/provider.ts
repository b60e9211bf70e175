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

/** How to read one status-page platform: all a poll or a detection needs. */
export interface Provider {
  readonly platform: Platform
  /** Endpoints for a page's base URL, best first; later ones are fallbacks. */
  endpoints(base: URL): readonly Endpoint[]
}

/**
 * A provider as its file declares it and the registry holds it: everything the rest of the code
 * knows about the platform is here, and the registry derives its lists from these. A new platform
 * is one file plus one line in the registry.
 */
export interface ProviderEntry<P extends Platform = Platform> extends Provider {
  readonly platform: P
  /** What the options page calls the platform. */
  readonly name: string
  /**
   * Where the platform comes in the order tried for a pasted URL, lowest first; null for a
   * platform tried only on the hosts it names (hostHints).
   */
  readonly detectionRank: number | null
  /**
   * Hosts that say this platform outright, tried with it before any other: `.example.com` is
   * any host under it, `example.com` only that host.
   */
  readonly hostHints: readonly string[]
  /** How the research list behind the built-in catalog (scripts/catalog) names its pages. */
  readonly catalog: CatalogMatch
}

export interface CatalogMatch {
  /** The list's platform labels, in its exact wording. */
  readonly labels: readonly string[]
  /** Hosts whose rows are this platform whatever their label: a one-site platform has no label of its own. */
  readonly hosts: readonly string[]
}
