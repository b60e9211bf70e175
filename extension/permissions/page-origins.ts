import type { Platform } from '../../src/model.ts'
import { apiOriginsOf } from '../../src/providers/api-origins.ts'
import { normalizeBaseUrl } from '../../src/providers/urls.ts'

/**
 * Host match patterns for a page: `https://status.openai.com/*`. Ports are left out (match
 * patterns match any port), which is how a loopback test server on a random port is covered.
 */
export function originsFor(url: string | URL, platform: Platform | null = null): string[] {
  const base = typeof url === 'string' ? new URL(url) : url
  const api = apiOriginsOf(platform).map((origin) => `${origin}/*`)
  return [...new Set([`${base.protocol}//${base.hostname}/*`, ...api])]
}

/** The origins to request before adding `input` (for the UI's click handler), or null for an unusable URL. */
export function originsForInput(input: string): string[] | null {
  const base = normalizeBaseUrl(input)
  return base.ok ? originsFor(base.value) : null
}
