import type { Platform } from '../model.ts'

/**
 * Platforms whose data is not on the watched page's own host, and the hosts they fetch from.
 * Host permissions are checked, asked for and given back for these too: an AWS page on any URL
 * reads health.aws.amazon.com. Kept apart from the providers so that the UI pages, which must
 * stay small, can know it without loading them; a test holds it to the providers' endpoints.
 */
export const API_ORIGINS: Readonly<Partial<Record<Platform, readonly string[]>>> = {
  aws: ['https://health.aws.amazon.com'],
}

export function apiOriginsOf(platform: Platform | null): readonly string[] {
  return platform === null ? [] : (API_ORIGINS[platform] ?? [])
}
