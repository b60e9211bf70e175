import type { Platform } from '../model.ts'
import { aws } from './aws.ts'
import { betterstack } from './betterstack.ts'
import { feed } from './feed.ts'
import { incidentio } from './incidentio.ts'
import { instatus } from './instatus.ts'
import type { Provider } from './provider.ts'
import { statuspage } from './statuspage.ts'

export { normalizeBaseUrl } from './urls.ts'

/** Every platform we can read: one line per provider file. */
export const PROVIDERS: Readonly<Partial<Record<Platform, Provider>>> = {
  incidentio,
  statuspage,
  instatus,
  betterstack,
  aws,
  feed,
}

/**
 * The provider of a platform. A page stored with a platform this build cannot read (a newer
 * build added it, or it was removed) gets one with no endpoints, which the monitor reports as
 * an error on that page rather than crashing.
 */
export function providerFor(platform: Platform): Provider {
  return PROVIDERS[platform] ?? { platform, endpoints: () => [] }
}

/**
 * The order in which to try platforms for a URL the user pasted. incident.io comes before
 * Statuspage because incident.io pages also answer Statuspage's summary.json (lossily). Feeds
 * come last: nearly every platform has one, and it is the poorest source.
 */
const DETECTION_ORDER: readonly Platform[] = ['incidentio', 'statuspage', 'instatus', 'betterstack', 'feed']

/**
 * Hosts that say their platform outright are tried with it first. `aws` is only ever tried
 * here: AWS Health is one site, not a platform other pages run on.
 */
const HOST_HINTS: readonly { readonly suffix: string; readonly platform: Platform }[] = [
  { suffix: '.statuspage.io', platform: 'statuspage' },
  { suffix: '.instatus.com', platform: 'instatus' },
  { suffix: '.betteruptime.com', platform: 'betterstack' },
  { suffix: '.betterstack.com', platform: 'betterstack' },
  { suffix: 'health.aws.amazon.com', platform: 'aws' },
]

function hostMatches(hostname: string, suffix: string): boolean {
  return suffix.startsWith('.') ? hostname.endsWith(suffix) : hostname === suffix
}

/** Platforms to try for a base URL, best guess first; only platforms this build can read. */
export function detectionOrder(base: URL): Platform[] {
  const hinted = HOST_HINTS.filter((hint) => hostMatches(base.hostname.toLowerCase(), hint.suffix)).map((hint) => hint.platform)
  return [...new Set([...hinted, ...DETECTION_ORDER])].filter((platform) => PROVIDERS[platform] !== undefined)
}
