/**
 * Which URL a notification click (or a popup link) may open. Page JSON is untrusted: it could hand
 * us `javascript:`, a phishing host or `https://status.openai.com@evil.net` (a link to evil.net).
 * So only `https:` on exactly the page's host and port (not a subdomain or sibling) or Statuspage's
 * short-link host; `http:` only when the page itself is loopback http (test servers).
 */

import type { Platform } from '../model.ts'
import { isLoopbackHost } from '../loopback-host.ts'

/** `shortlink` in summary.json. stspg.io redirects to any Statuspage customer's page: trusted only where Statuspage handed it over. */
const SHORT_LINK_HOST = 'stspg.io'

function parse(url: string, base?: URL): URL | null {
  try {
    return new URL(url.trim(), base)
  } catch {
    return null
  }
}

/** The link if safe, else the page URL, or '' when even that is not http(s). */
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
