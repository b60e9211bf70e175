/**
 * Real Firefox ESR with the production build (dist/firefox) installed as a temporary add-on,
 * driven by puppeteer-core over WebDriver BiDi, reaching local servers exactly as in production.
 *
 * Firefox has no --host-resolver-rules. Instead every request goes through a local forward proxy
 * (./connect-proxy.ts) set with the manual-proxy prefs:
 *
 *   network.proxy.type = 1, network.proxy.{ssl,http} = 127.0.0.1, network.proxy.{ssl,http}_port = P
 *       https://status.openai.com/… → `CONNECT status.openai.com:443` → the proxy tunnels it to
 *       127.0.0.1:<mapped port>. TLS is end to end between Firefox and our HTTPS server, the URL,
 *       Host header, SNI, host permissions and CORS are those of the real host. Unmapped hosts get
 *       502 (fetch fails at once); localhost / 127.0.0.1 are never proxied (Firefox default).
 *   acceptInsecureCerts: true (BiDi session capability)
 *       Firefox ignores certificate errors for the whole session, extension requests included,
 *       so the throwaway self-signed certificate is accepted. Without it the fetch fails.
 *
 * Any port works (no need for 443), any number of hosts, and hosts can be added while running
 * (`firefox.map(host, port)`).
 *
 * Behaviours of the real browser worth knowing when writing tests (all seen here):
 * - Extension pages in Firefox MV3 run under a CSP with `upgrade-insecure-requests`: an
 *   `http://host/` fetch leaves as `CONNECT host:<same port>` (TLS), except for 127.0.0.1 and
 *   localhost. Serve mapped hosts over HTTPS.
 * - The HTTP cache is shared by the background and extension pages and honours the server's
 *   `Cache-Control: max-age` (10 s on the status server): a repeated plain `fetch` inside that
 *   window never reaches the server. Use `cache: 'no-store'` in probes.
 * - Launch is ~3-4 s on an idle 2-core machine, ~2.4 s of it inside BiDi `session.new` (Firefox
 *   start-up), not in our prefs or the proxy.
 *
 * The background (event page) is not a puppeteer target. Drive it from an extension page:
 * `openExtensionPage()` opens moz-extension://<uuid>/icon-128.png by default (the build has no
 * HTML page yet); any document on the extension origin gets the full `browser.*` API, and
 * `browser.runtime.getBackgroundPage()` returns the live background window.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { GECKO_ID } from '../../manifest.config.ts'
import { DIST_FIREFOX } from './build.ts'
import { startConnectProxy, type ConnectProxy, type HostMap } from './connect-proxy.ts'

export type { HostMap }

export interface FirefoxLaunchOptions {
  /** Unpacked extension to install. Default dist/firefox. */
  readonly distDir?: string
  /** Host name → local port, e.g. { 'status.openai.com': server.port }. */
  readonly hostMap: HostMap
  /** moz-extension host to pin. Default FIREFOX_EXTENSION_UUID. */
  readonly uuid?: string
  readonly headless?: boolean
  readonly executablePath?: string
  /** Extra prefs, e.g. { 'extensions.background.idle.timeout': 2000 } (ms) to test event-page suspension. */
  readonly prefs?: Readonly<Record<string, unknown>>
}

export interface FirefoxWithExtension {
  readonly browser: Browser
  /** The gecko id the add-on was installed under (GECKO_ID). */
  readonly extensionId: string
  readonly uuid: string
  /** moz-extension://<uuid> */
  readonly origin: string
  readonly proxy: ConnectProxy
  /** Route another host to a local port while running. */
  map(host: string, port: number): void
  /**
   * Opens moz-extension://<uuid>/<path> in a new tab and waits until it is loaded with the
   * `browser.*` API present. Note: puppeteer's `page.url()` stays 'about:blank' for extension
   * URLs (Firefox sends no BiDi load events for them); use `page.evaluate(() => location.href)`.
   */
  openExtensionPage(path?: string): Promise<Page>
  close(): Promise<void>
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
/** Fixed so that URLs in logs and failures are stable across runs. */
export const FIREFOX_EXTENSION_UUID = '8e1f3c52-6a4d-4b7e-9c0a-5d2e7f4b1a63'
/** A file every build has; an image document on the extension origin is enough for browser.*. */
export const DEFAULT_EXTENSION_PAGE = 'icon-128.png'

export function firefoxPrefs(proxyPort: number, uuid: string): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // Everything (http and https) through the mapping proxy; never fall back to a direct connection.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.failover_direct': false,
    'network.dns.disablePrefetch': true,
    'network.trr.mode': 5,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  }
}

/** Navigates an existing tab; resolves once the extension document is ready. */
export async function gotoExtensionUrl(page: Page, url: string, timeoutMs = 10_000): Promise<void> {
  // Firefox sends no BiDi load/DOMContentLoaded events for moz-extension documents, so
  // page.goto() never resolves. The BiDi browsingContext.navigate command itself does resolve:
  // use it through puppeteer's (internal) browsing context when present, else goto without waiting.
  const context = (page.mainFrame() as unknown as { browsingContext?: { navigate?: (url: string, wait: string) => Promise<unknown> } })
    .browsingContext
  if (typeof context?.navigate === 'function') {
    await context.navigate(url, 'complete')
  } else {
    void page.goto(url, { timeout: timeoutMs }).catch(() => undefined)
  }
  await page.waitForFunction(
    (expected: string) =>
      location.href === expected &&
      document.readyState === 'complete' &&
      typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime === 'object',
    { timeout: timeoutMs, polling: 50 },
    url,
  )
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions): Promise<FirefoxWithExtension> {
  const distDir = options.distDir ?? DIST_FIREFOX
  const uuid = options.uuid ?? FIREFOX_EXTENSION_UUID
  const origin = `moz-extension://${uuid}`
  const proxy = await startConnectProxy(options.hostMap)
  let browser: Browser | undefined
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: options.executablePath ?? FIREFOX_PATH,
      headless: options.headless ?? true,
      acceptInsecureCerts: true,
      // Without it BiDi refuses to navigate a tab to moz-extension:// ("not allowed in this context").
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { ...firefoxPrefs(proxy.port, uuid), ...options.prefs },
    })
    const extensionId = await browser.installExtension(distDir)
    if (extensionId !== GECKO_ID) throw new Error(`installed as ${extensionId}, expected ${GECKO_ID}`)
    const launched = browser
    return {
      browser: launched,
      extensionId,
      uuid,
      origin,
      proxy,
      map: (host, port) => proxy.map(host, port),
      openExtensionPage: async (path = DEFAULT_EXTENSION_PAGE) => {
        const page = await launched.newPage()
        await gotoExtensionUrl(page, `${origin}/${path.replace(/^\//, '')}`)
        return page
      },
      close: async () => {
        await launched.close().catch(() => undefined)
        await proxy.close()
      },
    }
  } catch (error) {
    await browser?.close().catch(() => undefined)
    await proxy.close()
    throw error
  }
}
