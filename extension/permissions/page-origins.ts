import type { Platform } from '../../src/model.ts'
import { readOriginsOf } from '../../src/providers/api-origins.ts'
import { normalizeBaseUrl } from '../../src/providers/urls.ts'

/** Ports are left out (patterns match any port): that covers a loopback test server on a random port. */
export function originsFor(url: string | URL, platform: Platform | null = null): string[] {
  const base = typeof url === 'string' ? new URL(url) : url
  return readOriginsOf(base, platform).map((origin) => `${origin}/*`)
}

/** Null for an unusable URL. */
export function originsForInput(input: string): string[] | null {
  const base = normalizeBaseUrl(input)
  return base.ok ? originsFor(base.value) : null
}
