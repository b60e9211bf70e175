import { browser } from '../platform/browser.ts'
import { safeLinkFor } from '../../src/text/safe-link.ts'
import { LINKS } from '../storage/records.ts'
import { readLocal, readSettings } from '../storage/store.ts'

/**
 * Opens the notification's link if safeLinkFor trusts it for the page, else the page. Links are
 * in storage (the worker that showed it may be gone) and outlive the notification's closing: in
 * Firefox a click also closes it, and the two events must not race over the link.
 */
export async function openNotification(id: string): Promise<string | null> {
  const { entries } = await readLocal(LINKS)
  const link = entries.find((e) => e.id === id)
  const settings = await readSettings()
  // Ids are `<page key>|<event key>` (coalesce.ts); the longest page key wins, should a path hold a '|'.
  const page = settings.pages
    .filter((p) => id.startsWith(`${p.key}|`))
    .reduce<(typeof settings.pages)[number] | undefined>((best, p) => (best === undefined || p.key.length > best.key.length ? p : best), undefined)
  const pageUrl = page?.url ?? link?.pageUrl ?? null
  // A page no longer watched has no known platform: its short links are not trusted.
  const target = pageUrl === null ? '' : safeLinkFor(link?.url ?? null, pageUrl, page?.platform ?? null)
  if (target !== '') await browser.tabs.create({ url: target })
  await browser.notifications.clear(id)
  return target === '' ? null : target
}
