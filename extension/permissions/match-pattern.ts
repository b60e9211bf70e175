/**
 * Whether granted host permissions (match patterns, as `permissions.getAll()` lists them) cover a
 * page's origin: the answer to `permissions.contains` for many pages from ONE browser call,
 * instead of 1,000 calls a cycle at 1,000 pages.
 *
 * Deliberately narrow: it says yes only for the shapes browsers grant for status pages
 * (`<all_urls>`, `*://*`, exact and `*.` hosts, whole-site path, no port: a pattern without a
 * port matches every port), and "don't know" (false) for the rest (a port, a path),
 * which the caller then asks the browser about. A wrong yes would poll a page without its
 * permission; a wrong no only costs one `contains`.
 */

const PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)\/(.*)$/

export function patternCovers(pattern: string, url: URL): boolean {
  const scheme = url.protocol.slice(0, -1)
  if (scheme !== 'https' && scheme !== 'http') return false
  if (pattern === '<all_urls>') return true
  const match = PATTERN.exec(pattern.toLowerCase())
  if (match === null) return false
  const [, patternScheme = '', host = '', path = ''] = match
  // Host permissions ignore the path in Chrome but not everywhere: only a whole-site path counts.
  if (path !== '*') return false
  if (patternScheme !== '*' && patternScheme !== scheme) return false
  const hostname = url.hostname.toLowerCase()
  if (host === '*') return true
  if (host.startsWith('*.')) {
    const domain = host.slice(2)
    return hostname === domain || hostname.endsWith(`.${domain}`)
  }
  return hostname === host
}

export function originsCover(granted: readonly string[], url: URL): boolean {
  return granted.some((pattern) => patternCovers(pattern, url))
}
