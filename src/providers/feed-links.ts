import { isFeedUrl, normalizeBaseUrl } from './urls.ts'

/**
 * The feed a page's HTML announces: `<link rel="alternate" type="application/rss+xml" href="…">`.
 * A scan for `<link …>` tags, not an HTML parser: the caller caps the text, and each tag's run
 * stops at the next `<` or `>`, so hostile markup is read in linear time.
 */

const LINK_TAG = /<link\b([^<>]{0,600})>/gi
const ATTRIBUTE = /([a-z][a-z0-9-]{0,30})\s{0,20}=\s{0,20}(?:"([^"]{0,1000})"|'([^']{0,1000})'|([^\s"'=<>`]{1,1000}))/gi
const FEED_TYPES: ReadonlySet<string> = new Set(['application/rss+xml', 'application/atom+xml'])
/** Announced feeds looked at: a page lists one or two, a hostile one thousands. */
const MAX_LINKS = 100

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>()
  for (const match of tag.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase()
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '')
  }
  return attributes
}

/** Only a feed on the page's own host, as an address normalizeBaseUrl keeps: it becomes the page's URL. */
export function announcedFeed(html: string, page: URL): URL | null {
  let seen = 0
  for (const match of html.matchAll(LINK_TAG)) {
    if (++seen > MAX_LINKS) break
    const attributes = attributesOf(match[1] ?? '')
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/)
    const type = (attributes.get('type') ?? '').toLowerCase().trim()
    const href = attributes.get('href')
    if (!rel.includes('alternate') || !FEED_TYPES.has(type) || href === undefined) continue
    let resolved: URL
    try {
      resolved = new URL(href.replaceAll('&amp;', '&').trim(), page)
    } catch {
      continue
    }
    if (resolved.hostname !== page.hostname) continue
    // An http link on the page's own host is the same feed over https.
    if (resolved.protocol === 'http:' && page.protocol === 'https:') resolved.protocol = 'https:'
    if (resolved.protocol !== page.protocol) continue
    const feed = normalizeBaseUrl(resolved.href)
    if (feed.ok && isFeedUrl(feed.value) && feed.value.host === page.host) return feed.value
  }
  return null
}
