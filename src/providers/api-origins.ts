import type { Platform } from '../model.ts'

/**
 * Hosts a platform fetches from besides the watched page's, which need host permissions too.
 * Apart from the providers so the small UI pages need not load them; a test holds it to their endpoints.
 */
export const API_ORIGINS: Readonly<Partial<Record<Platform, readonly string[]>>> = {
  aws: ['https://health.aws.amazon.com'],
  statusio: ['https://api.status.io'],
  // US and EU servers: which one a page is on shows only once it is detected.
  statuspal: ['https://statuspal.io', 'https://statuspal.eu'],
}

export function apiOriginsOf(platform: Platform | null): readonly string[] {
  return platform === null ? [] : (API_ORIGINS[platform] ?? [])
}
