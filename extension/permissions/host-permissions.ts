import { originsFor } from '../messaging/protocol.ts'
import { browser } from '../platform/browser.ts'
import { originsCover } from './match-pattern.ts'

/**
 * Host permissions. Optional hosts are granted at runtime, and Firefox MV3 lets the user take
 * back even the manifest's host permissions, so every page is checked with `contains` (the
 * default OpenAI page too) and a page without its permission shows a `permission` error
 * instead of failing silently; it is not polled until the permission comes back.
 */
export async function hasHostPermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: originsFor(url) })
  } catch {
    return false
  }
}

/** Answers "granted?" for many pages: `hasHostPermission` without one browser call per page. */
export type PermissionCheck = (url: string) => Promise<boolean>

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
  return async (url) => {
    try {
      if (originsCover(granted, new URL(url))) return true
    } catch {
      // An unusable URL: contains() gives the answer (false) as before.
    }
    return hasHostPermission(url)
  }
}
