/**
 * The one door to the WebExtension API, and the only file that names `webextension-polyfill`.
 * The rest of extension/ imports `browser` from here; tests replace this one module with
 * @webext-core/fake-browser.
 *
 * Only the polyfill's types are used, not its code: Firefox has the promise-based `browser`
 * natively, and every Chrome API used here returns promises natively in Chrome 120+ (the
 * manifest's minimum_chrome_version), so the 10 KB runtime wrapper would buy nothing but
 * worker size. The one difference that matters, `runtime.onMessage` listeners answering with
 * a returned promise (polyfill/Firefox only), is avoided: the background answers through
 * `sendResponse` and `return true`, which both browsers support.
 */
import type Browser from 'webextension-polyfill'

type Api = typeof Browser

const native = globalThis as unknown as { browser?: Api; chrome?: Api }

export const browser: Api = native.browser?.runtime?.id !== undefined ? native.browser : (native.chrome ?? (native.browser as Api))

export type { Runtime, Storage } from 'webextension-polyfill'
