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

/** A Statuspal page as detection stores it (`<subdomain>.statuspal.<io|eu>`, or the API's own address): statuspal.ts. */
const STATUSPAL_ADDRESS = /^(?:[a-z0-9-]+\.)?statuspal\.(io|eu)$/i

/**
 * The origins a watched page is read from (no port: permission patterns match any). The page's
 * own and its platform's API hosts; but a Statuspal page stored at its Statuspal address is read
 * from its region's API host alone (polls never read the page), so only that one is needed: not
 * the page's host, which no one is asked for, nor the other region's.
 */
export function readOriginsOf(page: URL, platform: Platform | null): readonly string[] {
  const region = platform === 'statuspal' ? STATUSPAL_ADDRESS.exec(page.hostname)?.[1] : undefined
  if (region !== undefined) return [`https://statuspal.${region.toLowerCase()}`]
  return [...new Set([`${page.protocol}//${page.hostname}`, ...apiOriginsOf(platform)])]
}
