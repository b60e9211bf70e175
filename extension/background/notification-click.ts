import { browser } from '../platform/browser.ts'
import { safeLinkFor } from '../../src/text/safe-link.ts'
import { LINKS } from '../storage/records.ts'
import { HOUR_MS, type WatchedPage } from '../storage/settings.ts'
import { readLocal, readSettings } from '../storage/store.ts'
import type { Handlers } from '../messaging/dispatcher.ts'

/** Chrome's buttons, in the order notification-options.ts gives them. */
export const OPEN_BUTTON = 0
export const MUTE_BUTTON = 1

/** Ids are `<page key>|<event key>` (coalesce.ts); the longest page key wins, should a path hold a '|'. */
export function pageOfNotification(pages: readonly WatchedPage[], id: string): WatchedPage | undefined {
  return pages
    .filter((p) => id.startsWith(`${p.key}|`))
    .reduce<WatchedPage | undefined>((best, p) => (best === undefined || p.key.length > best.key.length ? p : best), undefined)
}

/**
 * Opens the notification's link if safeLinkFor trusts it for the page, else the page. Links are
 * in storage (the worker that showed it may be gone) and outlive the notification's closing: in
 * Firefox a click also closes it, and the two events must not race over the link.
 */
export async function openNotification(id: string): Promise<string | null> {
  const { entries } = await readLocal(LINKS)
  const link = entries.find((e) => e.id === id)
  const page = pageOfNotification((await readSettings()).pages, id)
  const pageUrl = page?.url ?? link?.pageUrl ?? null
  // A page no longer watched has no known platform: its short links are not trusted.
  const target = pageUrl === null ? '' : safeLinkFor(link?.url ?? null, pageUrl, page?.platform ?? null)
  if (target !== '') await browser.tabs.create({ url: target })
  await browser.notifications.clear(id)
  return target === '' ? null : target
}

/**
 * "Mute 1 h": the options page's own mute, through the same message handler (one settings path,
 * under the storage lock). A page removed meanwhile has nothing to mute; the notification goes anyway.
 */
export async function muteNotificationPage(id: string, handlers: Pick<Handlers, 'updateFilters'>, now: number): Promise<void> {
  const page = pageOfNotification((await readSettings()).pages, id)
  if (page !== undefined) await handlers.updateFilters({ type: 'updateFilters', pageKey: page.key, filters: { mutedUntil: now + HOUR_MS, mutedForever: false } })
  await browser.notifications.clear(id)
}

export async function pressNotificationButton(id: string, button: number, handlers: Pick<Handlers, 'updateFilters'>, now: number): Promise<void> {
  if (button === OPEN_BUTTON) await openNotification(id)
  else if (button === MUTE_BUTTON) await muteNotificationPage(id, handlers, now)
}
