/**
 * `permissions.contains` for many pages from ONE `getAll` (not 1,000 calls a cycle). Deliberately
 * narrow: yes only for the shapes browsers grant for status pages, false ("don't know") for the
 * rest. A wrong yes would poll a page without its permission; a wrong no costs one `contains`.
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
