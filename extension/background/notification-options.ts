import type { OutboxEntry } from '../../src/notify/plan.ts'
import { safeLinkFor } from '../../src/text/safe-link.ts'
import type { Notifications } from '../platform/browser.ts'
import type { WatchedPage } from '../storage/settings.ts'

/** Chrome's fields that the polyfill's types leave out (Firefox has neither). */
export interface NotificationOptions extends Notifications.CreateNotificationOptions {
  buttons?: { title: string }[]
  requireInteraction?: boolean
}

export interface Showing {
  readonly iconUrl: string
  /** The page the entry belongs to; undefined for the quiet-hours summary, which is no page's. */
  readonly page: WatchedPage | undefined
  /** Chrome: buttons and requireInteraction (notification-features.ts). */
  readonly actions: boolean
  readonly keepSevereOnScreen: boolean
}

/**
 * The first button says where it goes, as the click will decide (openNotification): the incident
 * when its link is trusted, else "Open page" (a component summary, a link from another host).
 */
export function notificationOptions(item: OutboxEntry, showing: Showing): NotificationOptions {
  const options: NotificationOptions = { type: 'basic', iconUrl: showing.iconUrl, title: item.title, message: item.body, priority: item.priority }
  if (!showing.actions) return options
  const { page } = showing
  if (page !== undefined) {
    const opensPage = safeLinkFor(item.url, page.url, page.platform) === safeLinkFor(null, page.url, page.platform)
    // In the order of OPEN_BUTTON and MUTE_BUTTON, which onButtonClicked reports.
    options.buttons = [{ title: opensPage ? 'Open page' : 'Open incident' }, { title: 'Mute 1 h' }]
  }
  if (showing.keepSevereOnScreen && item.priority === 2) options.requireInteraction = true
  return options
}
