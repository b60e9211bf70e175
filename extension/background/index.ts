// Composition root of the background. The engine issue only needs a manifest that builds for
// both browsers; the real background (alarms, storage, notifications, badge) is the next issue.
import browser from 'webextension-polyfill'

browser.runtime.onInstalled.addListener(() => {
  void browser.action.setBadgeText({ text: '' })
})
