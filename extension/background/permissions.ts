import { browser } from '../platform/browser.ts'
import { pollError, type PollError } from '../../src/poll-error.ts'
import type { Platform } from '../../src/model.ts'
import { readOriginsOf } from '../../src/providers/api-origins.ts'
import { SCHEDULE } from '../storage/records.ts'
import { readLocal, readSettings } from '../storage/store.ts'
import { originsFor } from '../permissions/page-origins.ts'
import type { Settings } from '../storage/settings.ts'
import { hostPermissionCheck } from '../permissions/host-permissions.ts'

export function permissionError(url: string, platform: Platform | null = null): PollError {
  const page = new URL(url)
  // The page's own host as written (with its port); the others by their origins.
  const hosts = readOriginsOf(page, platform).map((origin) => (origin === `${page.protocol}//${page.hostname}` ? page.host : new URL(origin).host))
  return pollError('permission', `Permission to read ${[...new Set(hosts)].join(' and ')} is missing: grant it in the options page.`)
}

/** Hosts the manifest asks for at install: never removed at runtime (Chrome refuses to). */
function requiredOrigins(): string[] {
  try {
    return browser.runtime.getManifest().host_permissions ?? []
  } catch {
    return []
  }
}

/** Pages whose stored error disagrees with their permission, for a forced visit. */
export async function pagesWithStalePermission(): Promise<string[]> {
  const settings = await readSettings()
  const schedule = await readLocal(SCHEDULE)
  const isGranted = await hostPermissionCheck()
  const stale = await Promise.all(
    settings.pages.map(async (page) => {
      const shownMissing = schedule.pages[page.key]?.error === 'permission'
      return (await isGranted(page.url, page.platform)) === shownMissing ? [page.key] : []
    }),
  )
  return stale.flat()
}

/**
 * Hosts of departed pages that no watched page needs, never the manifest's own. Hosts granted for
 * another reason (a page about to be added, "on all sites") stay: only what a departed page used goes.
 */
function hostsToRelease(before: Settings, after: Settings, required: readonly string[]): string[] {
  const needed = new Set([...after.pages.flatMap((page) => originsFor(page.url, page.platform)), ...required])
  const kept = new Set(after.pages.map((page) => page.key))
  const departed = before.pages.filter((page) => !kept.has(page.key))
  return [...new Set(departed.flatMap((page) => originsFor(page.url, page.platform)))].filter((origin) => !needed.has(origin))
}

export async function releaseHosts(before: Settings, after: Settings): Promise<void> {
  const drop = hostsToRelease(before, after, requiredOrigins())
  if (drop.length > 0) await browser.permissions.remove({ origins: drop }).catch(() => false)
}
