import type { Platform } from '../model.ts'
import { aws } from './aws.ts'
import { betterstack } from './betterstack.ts'
import { feed } from './feed.ts'
import { incidentio } from './incidentio.ts'
import { instatus } from './instatus.ts'
import type { Provider, ProviderEntry } from './provider.ts'
import { statuspage } from './statuspage.ts'

export { normalizeBaseUrl } from './urls.ts'

/** Each platform's provider under its own id: a platform left out does not compile. */
export type Registry = { readonly [P in Platform]: ProviderEntry<P> }

/** Every platform we can read: one line per provider file. */
export const PROVIDERS: Registry = {
  incidentio,
  statuspage,
  instatus,
  betterstack,
  aws,
  feed,
}

const REGISTERED: readonly ProviderEntry[] = Object.values(PROVIDERS)

/**
 * The provider of a platform. A page stored with a platform this build cannot read (a newer
 * build added it, or it was removed) gets one with no endpoints, which the monitor reports as
 * an error on that page rather than crashing.
 */
export function providerFor(platform: Platform): Provider {
  return Object.hasOwn(PROVIDERS, platform) ? PROVIDERS[platform] : { platform, endpoints: () => [] }
}

/** Platforms tried for any URL, by their detection rank. */
const DETECTION_ORDER: readonly Platform[] = REGISTERED.flatMap(({ platform, detectionRank }) => (detectionRank === null ? [] : [{ platform, detectionRank }]))
  .sort((a, b) => a.detectionRank - b.detectionRank)
  .map(({ platform }) => platform)

const HOST_HINTS: readonly { readonly suffix: string; readonly platform: Platform }[] = REGISTERED.flatMap((provider) =>
  provider.hostHints.map((suffix) => ({ suffix, platform: provider.platform })),
)

function hostMatches(hostname: string, suffix: string): boolean {
  return suffix.startsWith('.') ? hostname.endsWith(suffix) : hostname === suffix
}

/** Platforms to try for a base URL, best guess first: the platforms its host names, then by rank. */
export function detectionOrder(base: URL): Platform[] {
  const hinted = HOST_HINTS.filter((hint) => hostMatches(base.hostname.toLowerCase(), hint.suffix)).map((hint) => hint.platform)
  return [...new Set([...hinted, ...DETECTION_ORDER])]
}

/** The research list's platform labels (scripts/catalog), each to the platform that declares it. */
export const CATALOG_LABELS: ReadonlyMap<string, Platform> = new Map(
  REGISTERED.flatMap((provider) => provider.catalog.labels.map((label): [string, Platform] => [label, provider.platform])),
)

/** Hosts whose catalog rows are one platform whatever their label. */
export const CATALOG_HOSTS: ReadonlyMap<string, Platform> = new Map(
  REGISTERED.flatMap((provider) => provider.catalog.hosts.map((host): [string, Platform] => [host, provider.platform])),
)
