import { browser } from '../platform/browser.ts'
import { originsCover } from './match-pattern.ts'
import { originsFor } from './page-origins.ts'
import type { Platform } from '../../src/model.ts'
import { readOriginsOf } from '../../src/providers/api-origins.ts'

/** Every page is checked, the default OpenAI page too: Firefox MV3 lets the user take back even the manifest's hosts. */
export async function hasHostPermission(url: string, platform: Platform | null = null): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: originsFor(url, platform) })
  } catch {
    return false
  }
}

/** With a platform, its API hosts (api-origins.ts) must be granted too. */
export type PermissionCheck = (url: string, platform?: Platform | null) => Promise<boolean>

/** One `getAll` answers the pages it clearly covers, `contains` the rest. Valid for one pass (a cycle, a view). */
export async function hostPermissionCheck(): Promise<PermissionCheck> {
  let granted: readonly string[] = []
  try {
    granted = (await browser.permissions.getAll()).origins ?? []
  } catch {
    // No list: every page is asked about on its own.
  }
  return async (url, platform = null) => {
    try {
      if (readOriginsOf(new URL(url), platform).every((each) => originsCover(granted, new URL(each)))) return true
    } catch {
      // An unusable URL: contains() gives the answer (false) as before.
    }
    return hasHostPermission(url, platform)
  }
}
