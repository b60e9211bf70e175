import type { Incident, Maintenance, Platform, Snapshot } from '../model.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'

/**
 * A second URL whose JSON completes the snapshot (Instatus: component statuses only in
 * /v2/components.json). A failed companion fails the poll: a snapshot without its components
 * would read as every component vanishing.
 */
export interface Companion {
  readonly url: string
  merge(snapshot: Snapshot, json: unknown): Result<Snapshot, PollError>
}

export interface Endpoint {
  readonly url: string
  /** Validates untrusted JSON into a whole snapshot, or a `bad_shape` error: never half a snapshot. */
  parse(json: unknown): Result<Snapshot, PollError>
  /** Replaces UTF-8/UTF-16 text → JSON.parse: feeds are XML, AWS Health is UTF-16 without a charset. */
  decode?(bytes: Uint8Array, headers: Headers): Result<unknown, PollError>
  /** Further URLs read with this one, all or nothing (see Companion). */
  readonly companions?: readonly Companion[]
  /** A body cap other than the fetch's default (Google's whole incident history). */
  readonly maxBytes?: number
}

/**
 * A page's own record of what happened, closed items included: read only when the summary cannot
 * tell (history/need.ts), never per poll.
 */
export interface PastEndpoint<T> {
  readonly url: string
  parse(json: unknown): Result<readonly T[], PollError>
  /**
   * Whether its update ids are those the poll reads. Not so for incident.io's compatible list
   * (incident ids are shared, update ids are not): of a known incident only its last word counts.
   */
  readonly sameUpdateIds: boolean
}

/** Each list's endpoints, best first: the first that reads answers. */
export interface PastSources {
  readonly incidents?: readonly PastEndpoint<Incident>[]
  readonly maintenances?: readonly PastEndpoint<Maintenance>[]
}

/** The stretch of time the history read should cover, epoch ms. */
export interface PastWindow {
  readonly from: number
  readonly to: number
}

export interface Provider {
  readonly platform: Platform
  /** Endpoints for a page's base URL, best first; later ones are fallbacks. */
  endpoints(base: URL): readonly Endpoint[]
  /** For a platform whose API address is not derived from the pasted one (status.io: a page id). */
  readonly discover?: Discovery
  /** Those detection tries, in order, until one parses; the primary alone when absent. */
  detectionEndpoints?(base: URL): readonly Endpoint[]
  /** Where the page keeps closed incidents and maintenances, with their last words and times. */
  past?(base: URL, window: PastWindow): PastSources
}

/** The start of a page as detection read it: headers and at most `maxBytes` of its text. */
export interface PageSample {
  readonly base: URL
  readonly headers: Headers
  readonly text: string
}

/**
 * Run by detection only: the address it finds is what the page is stored under, so polls derive
 * their endpoints from it as from any other (no page read per poll).
 */
export interface Discovery {
  /** Whether this address lacks what the endpoints need. */
  needed(base: URL): boolean
  readonly maxBytes: number
  /** The address to store instead, or why the page names none. */
  find(page: PageSample): Result<URL, string>
}

/** All the code knows about a platform; the registry derives its lists from these. A new platform is one file plus one registry line. */
export interface ProviderEntry<P extends Platform = Platform> extends Provider {
  readonly platform: P
  readonly name: string
  /** Order tried for a pasted URL, lowest first; null: tried only on its hostHints. */
  readonly detectionRank: number | null
  /** Hosts tried with this platform first: `.example.com` is any host under it, `example.com` only that host. */
  readonly hostHints: readonly string[]
  /** How the research list behind the built-in catalog (scripts/catalog) names its pages. */
  readonly catalog: CatalogMatch
}

export interface CatalogMatch {
  readonly labels: readonly string[]
  /** Hosts whose rows are this platform whatever their label: a one-site platform has no label of its own. */
  readonly hosts: readonly string[]
}
