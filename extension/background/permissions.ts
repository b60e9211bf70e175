import { browser } from '../platform/browser.ts'
import { pollError, type PollError } from '../../src/poll-error.ts'
import { SCHEDULE } from '../storage/records.ts'
import { readLocal, readSettings } from '../storage/store.ts'
import { hostPermissionCheck } from '../permissions/host-permissions.ts'

export function permissionError(url: string): PollError {
  return pollError('permission', `Permission to read ${new URL(url).host} is missing: grant it in the options page.`)
}

/** Hosts the manifest asks for at install: never removed at runtime (Chrome refuses to). */
export function requiredOrigins(): string[] {
  try {
    return browser.runtime.getManifest().host_permissions ?? []
  } catch {
    return []
  }
}

/**
 * Pages whose stored state disagrees with their permission: missing but not yet shown as such,
 * or shown as missing but granted again. A forced visit brings each up to date (visitPage).
 */
export async function pagesWithStalePermission(): Promise<string[]> {
  const settings = await readSettings()
  const schedule = await readLocal(SCHEDULE)
  const isGranted = await hostPermissionCheck()
  const stale = await Promise.all(
    settings.pages.map(async (page) => {
      const shownMissing = schedule.pages[page.key]?.error === 'permission'
      return (await isGranted(page.url)) === shownMissing ? [page.key] : []
    }),
  )
  return stale.flat()
}
