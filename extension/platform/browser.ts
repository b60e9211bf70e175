/**
 * The one file that names `webextension-polyfill`; tests replace it with @webext-core/fake-browser.
 * Only the polyfill's types are used: every API used here returns promises natively in Firefox
 * and Chrome 120+ (minimum_chrome_version). Answering `onMessage` with a returned promise is the
 * one gap: the background uses `sendResponse` and `return true` (start.ts).
 */
import type Browser from 'webextension-polyfill'

type Api = typeof Browser

const native = globalThis as unknown as { browser?: Api; chrome?: Api }

export const browser: Api = native.browser?.runtime?.id !== undefined ? native.browser : (native.chrome ?? (native.browser as Api))

export type { Notifications, Runtime, Storage } from 'webextension-polyfill'
