import { isLoopbackHost } from '../loopback-host.ts'
import { err, ok, type Result } from '../result.ts'

/** Page links end up behind a notification click: only https, or http on loopback (the local test server and the demo). */

/** `URL.parse` without needing Chrome/Firefox 126. */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

function isAllowedUrl(url: URL): boolean {
  if (url.username !== '' || url.password !== '') return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && isLoopbackHost(url.hostname)
}

export function safeLink(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const url = parseUrl(value.trim())
  return url !== null && isAllowedUrl(url) ? url.href : null
}

/** `https://status.openai.com` rather than `…/`: how pages name themselves, and what links are built on. */
function withoutTrailingSlash(url: URL): string {
  const href = url.href
  return url.search === '' && url.hash === '' && href.endsWith('/') ? href.slice(0, -1) : href
}

export function pageUrl(value: unknown, base: URL): string {
  const link = safeLink(value)
  return withoutTrailingSlash(link === null ? base : new URL(link))
}

/**
 * `text` without the run of `char` it ends with. A loop, not `/x+$/`: the regex retries the run
 * from each of its characters (quadratic), and a hostile page URL can carry 100,000 slashes.
 */
export function trimEnd(text: string, char: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === char) end--
  return text.slice(0, end)
}

export function joinUrl(base: URL | string, path: string): string {
  const url = new URL(base)
  url.search = ''
  url.hash = ''
  url.pathname = `${trimEnd(url.pathname, '/')}/${path.replace(/^\/+/, '')}`
  return url.href
}

/** The id is hostile: one encoded segment. */
export function pageLink(page: string, section: string, id: string): string | null {
  return safeLink(joinUrl(page, `${section}/${encodeURIComponent(id)}`))
}

/** Endpoint and incident paths people paste from an address bar or another tool's config. */
const ENDPOINT_PATHS: readonly RegExp[] = [
  /\/api\/v2\/[a-z0-9/_-]*\.json$/i,
  /\/api\/v2\.0\.0\/[a-z0-9/_-]*$/i,
  /\/proxy\/[^/]+(?:\/.*)?$/i,
  /\/(?:v2\/)?(?:summary|components|index|incidents)\.json$/i,
  // Statuspage's own feeds are found again from the root (feed.ts); any other feed path is the page's feed.
  /\/history\.(?:atom|rss)$/i,
  /\/public\/currentevents$/i,
  /\/incidents\/[^/]+$/i,
]

/** A feed address kept as the page's URL (normalizeBaseUrl): the feed provider reads it as is. */
export function isFeedUrl(url: URL): boolean {
  return /(?:\.(?:rss|atom|xml)|\/(?:feed|rss|atom))$/i.test(url.pathname)
}

/**
 * The one form a page is known by (its key derives from it, see settings.ts): `status.openai.com`
 * and `https://Status.OpenAI.com.:443/api/v2/summary.json` both give `https://status.openai.com/`.
 */
export function normalizeBaseUrl(input: string): Result<URL, string> {
  const trimmed = input.trim()
  if (trimmed === '') return err('Enter the address of a status page')
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^/:]+:\d+(?:[/?#]|$)/.test(trimmed)
  const hostOnly = trimmed.split(/[/?#]/, 1)[0] ?? ''
  // A bare loopback host is a local test server, which speaks plain http.
  const scheme = /^(?:127\.0\.0\.1|localhost|\[::1\])\.?(?::\d+)?$/i.test(hostOnly) ? 'http' : 'https'
  const url = parseUrl(hasScheme ? trimmed : `${scheme}://${trimmed}`)
  if (url === null) return err(`Not a valid address: ${trimmed}`)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return err('Only https:// status pages can be watched')
  if (url.username !== '' || url.password !== '') return err('Addresses with a user name or password are not supported')
  // A trailing dot (the DNS root) names the same host: `status.openai.com.` is not a second page.
  const host = trimEnd(url.hostname, '.')
  if (host === '') return err(`Not a public host name: ${url.hostname}`)
  url.hostname = host
  const loopback = isLoopbackHost(url.hostname)
  if (url.protocol === 'http:' && !loopback) return err('Only https:// status pages can be watched (http only for 127.0.0.1 or localhost)')
  if (!loopback && !url.hostname.includes('.')) return err(`Not a public host name: ${url.hostname}`)
  url.search = ''
  url.hash = ''
  let path = url.pathname
  for (const pattern of ENDPOINT_PATHS) path = path.replace(pattern, '')
  url.pathname = trimEnd(path, '/') || '/'
  return ok(url)
}

/** A host hint: `.example.com` is any host under it, `example.com` only that host. */
export function hostMatches(hostname: string, hint: string): boolean {
  return hint.startsWith('.') ? hostname.endsWith(hint) : hostname === hint
}
