/**
 * "Adding a page from the catalog in the options page makes the extension start polling it",
 * with the production build in real Chromium: CodaMetrix (a Statuspage page in the catalog) is
 * mapped to the local HTTPS server, which serves its real recorded summary.json; the test clicks
 * its Add button in dist/chrome/extension/options/index.html.
 *
 * The click asks for the host permission (`permissions.request`, https://status.codametrix.com/*).
 * Headless Chromium cannot answer that browser prompt (nothing in CDP/Playwright clicks it; the
 * request just stays pending). So the test grants the site first the way a user can outside the
 * prompt, in chrome://extensions → Details → Site access (`developerPrivate.addHostPermission`,
 * the API behind that page); `permissions.request` then resolves true at once, without a prompt,
 * and the rest of the click's path (addPage → detection → settings → polling) runs unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { json, startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { recordedText } from '../../scripts/harness/recorded.ts'
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { allowSiteAccess } from '../../scripts/harness/site-access.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

const HOST = 'status.codametrix.com'
const SUMMARY = '/api/v2/summary.json'
const OPTIONS = 'extension/options/index.html'
describe('Chromium: adding CodaMetrix from the options page catalog', () => {
  let server: StatusServer
  let chromium: ChromiumWithExtension
  let options: Page
  const polled = (): number => server.requests.filter((r) => r.host === HOST && r.path === SUMMARY).length

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert([HOST]) })
    server.setForHost(HOST, SUMMARY, json(recordedText('statuspage/codametrix-summary-2026-08-02.json')))
    chromium = await launchChromiumWithExtension({ hostMap: { 'status.openai.com': server.port, [HOST]: server.port } })
    options = await chromium.openExtensionPage(OPTIONS)
  })

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  it('the user allows the site in chrome://extensions (Site access), the prompt-free path the test can drive', async () => {
    await allowSiteAccess(chromium, [`https://${HOST}/*`])
    expect(polled()).toBe(0)
  })

  it('clicking Add on the CodaMetrix catalog entry adds it, and the extension starts polling it', async () => {
    await options.getByRole('searchbox', { name: 'Search status pages' }).fill('codametrix')
    const add = options.getByRole('button', { name: 'Add CodaMetrix', exact: true })
    await add.waitFor({ timeout: 10_000 })
    await add.click()
    // The row turns into "Watching" once the settings hold the page.
    await options.locator('.catalog-row', { hasText: 'CodaMetrix' }).getByText('Watching').waitFor({ timeout: 15_000 })
    const messenger = await chromium.openExtensionPage('icon-128.png')
    const page = async (): Promise<{ key: string; platform: string | null; permission: string; level: string | null; lastCheckedAt: number | null } | undefined> => {
      const reply = (await messenger.evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'getState' }),
      )) as { state: { pages: { key: string; platform: string | null; permission: string; level: string | null; lastCheckedAt: number | null }[] } }
      return reply.state.pages.find((p) => p.key === HOST)
    }
    // Polled by the background on its own (the settings change wakes it): no checkNow here.
    await expect.poll(async () => (await page())?.lastCheckedAt ?? null, { timeout: 20_000 }).not.toBeNull()
    expect(await page()).toMatchObject({ platform: 'statuspage', permission: 'granted', level: 'operational' })
    const requests = server.requests.filter((r) => r.host === HOST && r.path === SUMMARY)
    expect(requests.length).toBeGreaterThanOrEqual(2) // detection, then the first poll
    expect(requests.every((r) => r.status === 200 || r.status === 304)).toBe(true)
  })
})
