import { isLoopbackHost } from '../loopback-host.ts'
import { err, ok, type Result } from '../result.ts'

/**
 * URLs in and out of the engine. Links taken from a page end up behind a notification click, so
 * only https survives; plain http is allowed for loopback hosts alone, which is how the local
 * test server and the demo serve recorded pages.
 */

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

/** A link from a page, or null when it is not an absolute https (or loopback http) URL. */
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

/** The page's own URL when it gives a safe one, otherwise the base the user added. */
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

/** `base` + `/` + a relative path, keeping any path the base already has. */
export function joinUrl(base: URL | string, path: string): string {
  const url = new URL(base)
  url.search = ''
  url.hash = ''
  url.pathname = `${trimEnd(url.pathname, '/')}/${path.replace(/^\/+/, '')}`
  return url.href
}

/** A page link such as `{page}/incidents/{id}`; the id is hostile, so it is one encoded segment. */
export function pageLink(page: string, section: string, id: string): string | null {
  return safeLink(joinUrl(page, `${section}/${encodeURIComponent(id)}`))
}

/**
 * Paths that name an endpoint (or an incident) of a page rather than the page itself: people
 * paste what they find in a browser's address bar or in another tool's config.
 */
const ENDPOINT_PATHS: readonly RegExp[] = [
  /\/api\/v2\/[a-z0-9/_-]*\.json$/i,
  /\/api\/v2\.0\.0\/[a-z0-9/_-]*$/i,
  /\/proxy\/[^/]+(?:\/.*)?$/i,
  /\/(?:v2\/)?(?:summary|components|index)\.json$/i,
  /\/(?:history|feed)\.(?:atom|rss|xml)$/i,
  /\/public\/currentevents$/i,
  /\/incidents\/[^/]+$/i,
]

/**
 * A user's input (or a stored page) to the base URL of a status page, the one form a page is
 * known by (its key is derived from it, see settings.ts): `status.openai.com`,
 * `https://Status.OpenAI.com.:443/api/v2/summary.json` and `https://status.openai.com/` all give
 * `https://status.openai.com/`. http is refused except for loopback hosts (local tests).
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
  // URL already lower-cases the host and drops a default port. A trailing dot (the DNS root)
  // names the same host, so `status.openai.com.` must not become a second page.
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
