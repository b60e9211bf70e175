import { pollError } from '../poll-error.ts'
import { err, ok } from '../result.ts'
import type { Discovery, Endpoint } from './provider.ts'
import { hostMatches } from './urls.ts'

/** Enough for the header and a status page's links; the page itself is never parsed further. */
export const DISCOVERY_BYTES = 512 * 1024

/**
 * A stored address that lacks what the endpoints need (a page that moved to the platform under its
 * old address, an edited settings file): the page is read with the provider's own discovery, and
 * the poll's error says what to add instead.
 */
export function undiscoveredEndpoint(base: URL, discovery: Discovery, words: { readonly missing: string; readonly none: string }): Endpoint {
  return {
    url: base.href,
    decode: (bytes, headers) => {
      const found = discovery.find({ base, headers, text: new TextDecoder().decode(bytes.subarray(0, discovery.maxBytes)) })
      return err(pollError('bad_shape', `${words.missing} (${found.ok ? `add ${found.value.href} instead` : words.none})`))
    },
    parse: () => err(pollError('bad_shape', words.missing)),
  }
}

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
