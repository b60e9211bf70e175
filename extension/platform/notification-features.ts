import { browser } from './browser.ts'

/**
 * Chrome's notifications take buttons and `requireInteraction`; Firefox's take only type, title,
 * message and iconUrl (MDN, notifications.NotificationOptions), and has no onButtonClicked to
 * answer a button with. The Firefox build is the one whose manifest carries a gecko id
 * (manifest.config.ts), so the build decides, read at run time from the one manifest.
 */
export function notificationsHaveActions(): boolean {
  return browser.runtime.getManifest().browser_specific_settings?.gecko === undefined
}
