/**
 * Which URL a notification click (or a popup link) may open.
 *
 * Incident links come from the page's JSON, which is untrusted: a compromised or look-alike page
 * could hand us `javascript:`, `data:`, a phishing host, or a userinfo trick
 * (`https://status.openai.com@evil.net` is a link to evil.net). So a link is used only when it is
 * `https:` on exactly the watched page's host (same host and port; a subdomain or a sibling under
 * the same registrable domain is not enough) or, for a Statuspage page, on Statuspage's incident
 * short-link host. Plain `http:` is allowed only for local test servers: when the watched page
 * itself is loopback http. Anything else falls back to the page URL.
 */

import type { Platform } from '../model.ts'
import { isLoopbackHost } from '../loopback-host.ts'

/**
 * Statuspage's incident short links (`shortlink` in summary.json). stspg.io redirects to any
 * Statuspage customer's page, so it is trusted only where Statuspage itself handed it over.
 */
const SHORT_LINK_HOST = 'stspg.io'

function parse(url: string, base?: URL): URL | null {
  try {
    return new URL(url.trim(), base)
  } catch {
    return null
  }
}

/**
 * The URL to open for `url` (an incident or maintenance link, possibly relative to the page) on
 * the page at `pageUrl`, read as `platform` (null: not known, so no short links): the normalised
 * link when it is safe, else the normalised page URL, or '' when even the page URL is not an
 * http(s) URL (then there is nothing safe to open).
 */
export function safeLinkFor(url: string | null, pageUrl: string, platform: Platform | null): string {
  const page = parse(pageUrl)
  if (page === null || (page.protocol !== 'https:' && page.protocol !== 'http:')) return ''
  const fallback = page.href
  if (url === null || url.trim() === '') return fallback

  const link = parse(url, page)
  if (link === null) return fallback
  // Even on the right host, credentials in a link are never legitimate here and only serve to confuse.
  if (link.username !== '' || link.password !== '') return fallback

  // `host` includes a non-default port: status.openai.com:8443 is a different service.
  const samePageHost = link.host === page.host
  const shortLink = platform === 'statuspage' && link.host === SHORT_LINK_HOST
  if (link.protocol === 'https:' && (samePageHost || shortLink)) return link.href
  const pageIsLocalHttp = page.protocol === 'http:' && isLoopbackHost(page.hostname)
  if (link.protocol === 'http:' && pageIsLocalHttp && samePageHost) return link.href
  return fallback
}
