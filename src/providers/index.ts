import type { Platform } from '../model.ts'
import { aws } from './aws.ts'
import { azure } from './azure.ts'
import { betterstack } from './betterstack.ts'
import { cstate } from './cstate.ts'
import { feed } from './feed.ts'
import { google } from './google.ts'
import { incidentio } from './incidentio.ts'
import { instatus } from './instatus.ts'
import type { Provider, ProviderEntry } from './provider.ts'
import { site24x7 } from './site24x7.ts'
import { slack } from './slack.ts'
import { sorry } from './sorry.ts'
import { statuscast } from './statuscast.ts'
import { statushub } from './statushub.ts'
import { statusio } from './statusio.ts'
import { statuspage } from './statuspage.ts'
import { statuspal } from './statuspal.ts'
import { hostMatches } from './urls.ts'

export { normalizeBaseUrl } from './urls.ts'

/** Each platform's provider under its own id: a platform left out does not compile. */
export type Registry = { readonly [P in Platform]: ProviderEntry<P> }

export const PROVIDERS: Registry = {
  incidentio,
  statuspage,
  instatus,
  betterstack,
  aws,
  feed,
  slack,
  statusio,
  cstate,
  google,
  sorry,
  statuscast,
  statuspal,
  statushub,
  azure,
  site24x7,
}

const REGISTERED: readonly ProviderEntry[] = Object.values(PROVIDERS)

/** A stored platform this build cannot read gets no endpoints: an error on that page, not a crash. */
export function providerFor(platform: Platform): Provider {
  return Object.hasOwn(PROVIDERS, platform) ? PROVIDERS[platform] : { platform, endpoints: () => [] }
}

const DETECTION_ORDER: readonly Platform[] = REGISTERED.flatMap(({ platform, detectionRank }) => (detectionRank === null ? [] : [{ platform, detectionRank }]))
  .sort((a, b) => a.detectionRank - b.detectionRank)
  .map(({ platform }) => platform)

const HOST_HINTS: readonly { readonly suffix: string; readonly platform: Platform }[] = REGISTERED.flatMap((provider) =>
  provider.hostHints.map((suffix) => ({ suffix, platform: provider.platform })),
)

export function detectionOrder(base: URL): Platform[] {
  const hinted = HOST_HINTS.filter((hint) => hostMatches(base.hostname.toLowerCase(), hint.suffix)).map((hint) => hint.platform)
  return [...new Set([...hinted, ...DETECTION_ORDER])]
}

/** The research list's platform labels (scripts/catalog), each to the platform that declares it. */
export const CATALOG_LABELS: ReadonlyMap<string, Platform> = new Map(
  REGISTERED.flatMap((provider) => provider.catalog.labels.map((label): [string, Platform] => [label, provider.platform])),
)

export const CATALOG_HOSTS: ReadonlyMap<string, Platform> = new Map(
  REGISTERED.flatMap((provider) => provider.catalog.hosts.map((host): [string, Platform] => [host, provider.platform])),
)
