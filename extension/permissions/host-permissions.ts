import { browser } from '../platform/browser.ts'
import { originsCover } from './match-pattern.ts'
import { originsFor } from './page-origins.ts'
import type { Platform } from '../../src/model.ts'
import { apiOriginsOf } from '../../src/providers/api-origins.ts'

/**
 * Host permissions. Optional hosts are granted at runtime, and Firefox MV3 lets the user take
 * back even the manifest's host permissions, so every page is checked with `contains` (the
 * default OpenAI page too) and a page without its permission shows a `permission` error
 * instead of failing silently; it is not polled until the permission comes back.
 */
export async function hasHostPermission(url: string, platform: Platform | null = null): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: originsFor(url, platform) })
  } catch {
    return false
  }
}

/**
 * Answers "granted?" for many pages: `hasHostPermission` without one browser call per page. With
 * a platform, the hosts it fetches from besides the page's (api-origins.ts) must be granted too.
 */
export type PermissionCheck = (url: string, platform?: Platform | null) => Promise<boolean>

/**
 * A check over the permissions granted now: one `getAll` answers the pages it clearly covers,
 * and `contains` the rest (a page it does not cover is asked about, never assumed missing).
 * Valid for one pass (a cycle, a state view): a grant or revocation after it shows next time.
 */
export async function hostPermissionCheck(): Promise<PermissionCheck> {
  let granted: readonly string[] = []
  try {
    granted = (await browser.permissions.getAll()).origins ?? []
  } catch {
    // No list: every page is asked about on its own.
  }
  return async (url, platform = null) => {
    try {
      if ([url, ...apiOriginsOf(platform)].every((each) => originsCover(granted, new URL(each)))) return true
    } catch {
      // An unusable URL: contains() gives the answer (false) as before.
    }
    return hasHostPermission(url, platform)
  }
}
