import { err, ok } from '../result.ts'
import type { Discovery } from './provider.ts'
import { DISCOVERY_BYTES } from './discovery.ts'
import { hostMatches } from './urls.ts'

/**
 * Detection of a platform on its customer's own domain, where its API path alone is no proof:
 * it is tried only when the page's HTML names it. The page is the one detection already read for
 * status.io, so other pages pay no extra request. On the platform's own hosts no page is read.
 */
/** `ownHosts` as host hints: `.example.com` is any host under it. */
export function mentionedOnPage(pattern: RegExp, name: string, ownHosts: readonly string[] = []): Discovery {
  return {
    needed: (base) => !ownHosts.some((host) => hostMatches(base.hostname.toLowerCase(), host)),
    maxBytes: DISCOVERY_BYTES,
    find: (page) => (pattern.test(page.text) ? ok(page.base) : err(`the page does not name ${name}`)),
  }
}
