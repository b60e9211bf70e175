/**
 * Plumbing smoke test: the production Firefox build installs in real Firefox ESR, its background
 * (event page) runs, and a fetch made with the extension's privileges reaches our local HTTPS
 * server as https://status.openai.com (through the mapping proxy, certificate accepted by the
 * session's acceptInsecureCerts, host permission granted, no CORS error).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import type Browser from 'webextension-polyfill'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GECKO_ID } from '../../manifest.config.ts'
import { json, startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { OPENAI_PROXY_PATH } from '../../scripts/harness/timelines/openai-outage.ts'
import { DIST_FIREFOX } from '../../scripts/harness/build.ts'
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/harness/firefox.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

// The probes use a path of their own: the extension's own polls of OPENAI_PROXY_PATH may land
// while a probe runs, and must not be counted as the probe's.
const PROBE_PATH = '/e2e-smoke-probe'
const OPENAI_URL = `https://status.openai.com${PROBE_PATH}`
const BODY = { summary: { id: 'e2e-smoke', name: 'OpenAI', components: [], ongoing_incidents: [] } }
// A second real host name on the same local server (routes keyed on the Host header). The
// extension has no permission for it, so the route answers with CORS headers: this only proves
// the network plumbing for other hosts, not permissions.
const OTHER_HOST = 'status.claude.com'
const OTHER_PATH = '/api/v2/summary.json'
const OTHER_BODY = '{"page":{"id":"e2e-other","name":"Claude"}}'

type WithBrowser = typeof globalThis & { browser: Browser.Browser }

interface FetchResult {
  readonly ok: boolean
  readonly status?: number
  readonly body?: string
  readonly error?: string
}

describe('Firefox: production build against the local status server', () => {
  let server: StatusServer
  let firefox: FirefoxWithExtension
  let page: Page

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert([OTHER_HOST]) })
    server.set(OPENAI_PROXY_PATH, json(BODY))
    server.set(PROBE_PATH, json(BODY, { conditional: false, maxAgeSeconds: 0 }))
    server.setForHost(OTHER_HOST, OTHER_PATH, {
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
      body: OTHER_BODY,
    })
    firefox = await launchFirefoxWithExtension({ hostMap: { 'status.openai.com': server.port } })
    page = await firefox.openExtensionPage()
  })

  afterAll(async () => {
    await firefox?.close()
    await server?.close()
  })

  it('installs the add-on and runs its background page', async () => {
    const manifest = JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8')) as { name: string; version: string }
    expect(firefox.extensionId).toBe(GECKO_ID)
    const info = await page.evaluate(async () => {
      const api = (globalThis as WithBrowser).browser
      const background = (await api.runtime.getBackgroundPage()) as Window | null
      return {
        href: location.href,
        id: api.runtime.id,
        name: api.runtime.getManifest().name,
        version: api.runtime.getManifest().version,
        background: background?.location.href ?? null,
        hostPermission: await api.permissions.contains({ origins: ['https://status.openai.com/*'] }),
      }
    })
    expect(info).toEqual({
      href: `${firefox.origin}/icon-128.png`,
      id: GECKO_ID,
      name: manifest.name,
      version: manifest.version,
      background: `${firefox.origin}/_generated_background_page.html`,
      hostPermission: true,
    })
  })

  it('fetches https://status.openai.com from the background page and reaches the local HTTPS server', async () => {
    const before = server.requests.length
    const result = await page.evaluate(async (url: string): Promise<FetchResult> => {
      const background = (await (globalThis as WithBrowser).browser.runtime.getBackgroundPage()) as Window & typeof globalThis
      try {
        const response = await background.fetch(url, { cache: 'no-store' })
        return { ok: response.ok, status: response.status, body: await response.text() }
      } catch (error) {
        return { ok: false, error: String(error) }
      }
    }, OPENAI_URL)
    expect(result).toMatchObject({ ok: true, status: 200 })
    expect(JSON.parse(result.body ?? 'null')).toEqual(BODY)
    const seen = server.requests.slice(before).filter((request) => request.path === PROBE_PATH)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ host: 'status.openai.com', path: PROBE_PATH, status: 200 })
    expect(seen[0]?.userAgent).toMatch(/Firefox\//)
  })

  it('fetches it from the extension page too, and reaches another mapped host, while unmapped hosts fail', async () => {
    // Hosts can be mapped while Firefox runs (Chromium's mapping is fixed at launch).
    firefox.map(OTHER_HOST, server.port)
    const before = server.requests.length
    const result = await page.evaluate(async (urls: readonly string[]) => {
      const out: string[] = []
      for (const url of urls) {
        try {
          const response = await fetch(url, { cache: 'no-store' })
          out.push(`${response.status} ${await response.text()}`)
        } catch (error) {
          out.push(`error: ${String(error)}`)
        }
      }
      return out
    }, [OPENAI_URL, `https://${OTHER_HOST}${OTHER_PATH}`, 'https://status.unmapped-host.test/proxy/x'])
    expect(JSON.parse(result[0]?.replace(/^200 /, '') ?? 'null')).toEqual(BODY)
    expect(result[1]).toBe(`200 ${OTHER_BODY}`)
    expect(result[2]).toMatch(/^error: TypeError/)
    expect(server.requests.slice(before).filter((request) => request.path !== OPENAI_PROXY_PATH).map((request) => request.host)).toEqual(['status.openai.com', OTHER_HOST])
    expect(firefox.proxy.log.filter((entry) => entry.host === 'status.unmapped-host.test').every((entry) => entry.mappedTo === null)).toBe(true)
  })

  it('opens the popup, which reads the stored state itself and shows the default page', async () => {
    expect(await page.evaluate(() => (globalThis as WithBrowser).browser.runtime.sendMessage({ type: 'checkNow' }))).toMatchObject({ ok: true, polled: 1 })
    const popup = await firefox.openExtensionPage('extension/popup/index.html')
    try {
      await popup.waitForFunction(() => document.querySelector('main .summary') !== null, { timeout: 10_000 })
      const shown = await popup.evaluate(() => ({
        summary: document.querySelector('main .summary')?.textContent ?? '',
        card: document.querySelector('section.page-card')?.textContent ?? '',
      }))
      expect(shown.summary).toBe('All systems operational')
      expect(shown.card).toMatch(/OpenAI/)
      expect(shown.card).toMatch(/Operational/)
    } finally {
      await popup.close()
    }
  })
})
