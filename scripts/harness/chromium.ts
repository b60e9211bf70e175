/**
 * Real Chromium with the production build (dist/chrome) loaded unpacked, reaching local servers
 * exactly as in production:
 *
 *   --host-resolver-rules="MAP status.openai.com 127.0.0.1:PORT, …, MAP * ~NOTFOUND, EXCLUDE …"
 *       every mapped host (any scheme, any port in the URL) connects to 127.0.0.1:PORT; the Host
 *       header, the URL the extension sees, its host permissions and CORS all stay those of the
 *       real host. Every other name fails to resolve (nothing leaves the machine); only
 *       127.0.0.1 / localhost literals stay reachable.
 *   --ignore-certificate-errors
 *       accepts the throwaway self-signed certificate of the local HTTPS server.
 *
 * Usage:
 *   const chromium = await launchChromiumWithExtension({ hostMap: { 'status.openai.com': server.port } })
 *   await chromium.serviceWorker.evaluate(() => chrome.alarms.getAll())     // runs IN the worker
 *   const popup = await chromium.openExtensionPage('popup.html')            // chrome-extension://<id>/popup.html
 *   await chromium.close()
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core'
import { DIST_CHROME } from './build.ts'
import type { HostMap } from './connect-proxy.ts'

export type { HostMap }

export interface ChromiumLaunchOptions {
  /** Unpacked extension to load. Default dist/chrome. */
  readonly distDir?: string
  /** Host name → local port, e.g. { 'status.openai.com': server.port }. */
  readonly hostMap: HostMap
  /** Default true (new headless). False needs a display (xvfb-run). */
  readonly headless?: boolean
  readonly executablePath?: string
  readonly extraArgs?: readonly string[]
}

export interface ChromiumWithExtension {
  readonly context: BrowserContext
  /** The extension's service worker (chrome-extension://<id>/service-worker-loader.js). */
  readonly serviceWorker: Worker
  readonly extensionId: string
  /** chrome-extension://<id> */
  readonly origin: string
  /** Opens chrome-extension://<id>/<path> in a new tab (full extension APIs in the page). */
  openExtensionPage(path: string): Promise<Page>
  close(): Promise<void>
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The --host-resolver-rules value for a host map. */
export function hostResolverRules(hostMap: HostMap): string {
  const rules = Object.entries(hostMap).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`)
  // First matching rule wins: mapped hosts, then everything else fails, except loopback literals.
  return [...rules, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(', ')
}

export function chromiumArgs(distDir: string, hostMap: HostMap): string[] {
  return [
    `--disable-extensions-except=${distDir}`,
    `--load-extension=${distDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // The local server speaks HTTP/1.1 over TCP+TLS only.
    '--disable-quic',
    `--host-resolver-rules=${hostResolverRules(hostMap)}`,
    '--ignore-certificate-errors',
  ]
}

export async function launchChromiumWithExtension(options: ChromiumLaunchOptions): Promise<ChromiumWithExtension> {
  const distDir = options.distDir ?? DIST_CHROME
  const userDataDir = mkdtempSync(join(tmpdir(), 'status-monitor-chromium-'))
  let context: BrowserContext | undefined
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.executablePath ?? CHROMIUM_PATH,
      headless: options.headless ?? true,
      args: [...chromiumArgs(distDir, options.hostMap), ...(options.extraArgs ?? [])],
    })
    const isExtensionWorker = (worker: Worker): boolean => worker.url().startsWith('chrome-extension://')
    const serviceWorker =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 }))
    const extensionId = new URL(serviceWorker.url()).host
    const origin = `chrome-extension://${extensionId}`
    const ctx = context
    return {
      context: ctx,
      serviceWorker,
      extensionId,
      origin,
      openExtensionPage: async (path) => {
        const page = await ctx.newPage()
        await page.goto(`${origin}/${path.replace(/^\//, '')}`)
        return page
      },
      close: async () => {
        await ctx.close().catch(() => undefined)
        rmSync(userDataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await context?.close().catch(() => undefined)
    rmSync(userDataDir, { recursive: true, force: true })
    throw error
  }
}
