/**
 * Never silent, in the real browser: the production build in Chromium, four Statuspage pages
 * added through the options page whose ongoing incident carries a 1.85 MB update (stored whole,
 * five such pages used to fill Chrome's 10 MB storage.local and stop every page), then an OpenAI
 * incident opens. It must be announced on the healthy cadence (60 s), the bulky pages must be
 * kept within their budget and answered by 304 afterwards, and monitoring must report no problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { recordedOpenAiOutage } from '../../scripts/harness/recorded.ts'
import { json, startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { INCIDENT_ID, OPENAI_PROXY_PATH } from '../../scripts/harness/timelines/openai-outage.ts'
import { bulkySummary } from '../support/hostile-pages.ts'
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { allowSiteAccess } from '../../scripts/harness/site-access.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

const SUMMARY = '/api/v2/summary.json'
const BULKY = ['status.bulky-one.example.com', 'status.bulky-two.example.com', 'status.bulky-three.example.com', 'status.bulky-four.example.com']
const HEALTHY_CADENCE_MS = 60_000

type Chrome = {
  chrome: {
    runtime: { sendMessage(m: unknown): Promise<unknown> }
    storage: { local: { getBytesInUse(keys: null): Promise<number> }; session: { get(k: string): Promise<Record<string, unknown>> } }
    notifications: { create: (...args: unknown[]) => unknown }
  }
  __shown: { id: string; at: number }[]
}

describe('Chromium: bulky pages added through the options page do not silence OpenAI', () => {
  let server: StatusServer
  let chromium: ChromiumWithExtension
  let options: Page
  const steps = recordedOpenAiOutage()
  const body = (name: string): string => steps.find((s) => s.name === name)?.body ?? ''

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert(BULKY) })
    server.set(OPENAI_PROXY_PATH, json(body('healthy')))
    BULKY.forEach((host, i) => server.setForHost(host, SUMMARY, json(bulkySummary(1_850_000, `Service ${i + 1}`))))
    chromium = await launchChromiumWithExtension({ hostMap: { 'status.openai.com': server.port, ...Object.fromEntries(BULKY.map((host) => [host, server.port])) } })
    await chromium.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as Chrome
      g.__shown = []
      const create = g.chrome.notifications.create.bind(g.chrome.notifications)
      g.chrome.notifications.create = (...args: unknown[]) => {
        if (typeof args[0] === 'string') g.__shown.push({ id: args[0], at: Date.now() })
        return create(...args)
      }
    })
    options = await chromium.openExtensionPage('extension/options/index.html')
  })

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  it('adds the four bulky pages by their address (site access given as a user can, without the prompt)', async () => {
    await allowSiteAccess(chromium, BULKY.map((host) => `https://${host}/*`))
    const address = options.getByRole('textbox', { name: 'Status page address' })
    const watching = async (): Promise<string[]> => {
      const reply = (await options.evaluate(() => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'getState' }))) as { state: { pages: { key: string }[] } }
      return reply.state.pages.map((p) => p.key)
    }
    for (const host of BULKY) {
      await address.fill(host)
      await options.getByRole('button', { name: 'Add', exact: true }).click()
      await expect.poll(watching, { timeout: 30_000 }).toContain(host)
    }
    await options.getByText(/^Added Instructure \(/).waitFor()
    const polled = (): number => new Set(server.requests.filter((r) => BULKY.includes(r.host ?? '') && r.path === SUMMARY && r.status === 200).map((r) => r.host)).size
    await expect.poll(polled, { timeout: 30_000 }).toBe(BULKY.length)
  }, 120_000)

  it('OpenAI\'s incident is announced within its 60 s cadence, the bulky pages are kept small and answered by 304, and nothing reports a problem', async () => {
    server.set(OPENAI_PROXY_PATH, json(body('opened')))
    const changedAt = Date.now()
    const openedId = `status.openai.com|incident:${INCIDENT_ID}:opened`
    const shown = async (): Promise<{ id: string; at: number }[]> => chromium.serviceWorker.evaluate(() => (globalThis as unknown as Chrome).__shown)
    await expect.poll(async () => (await shown()).some((n) => n.id === openedId), { timeout: HEALTHY_CADENCE_MS + 5_000, interval: 500 }).toBe(true)
    const announcedAfter = ((await shown()).find((n) => n.id === openedId)?.at ?? Infinity) - changedAt
    expect(announcedAfter).toBeLessThanOrEqual(HEALTHY_CADENCE_MS + 2_000)

    const { bytes, problem } = await chromium.serviceWorker.evaluate(async () => {
      const g = globalThis as unknown as Chrome
      return { bytes: await g.chrome.storage.local.getBytesInUse(null), problem: (await g.chrome.storage.session.get('problem')).problem ?? null }
    })
    expect(bytes).toBeLessThan(1_000_000)
    expect(problem).toBeNull()
    // Every bulky page polled again since it was added got a 304: its ETag was stored with its state.
    for (const host of BULKY) {
      const statuses = server.requests.filter((r) => r.host === host && r.path === SUMMARY).map((r) => r.status)
      expect(statuses.slice(2).every((s) => s === 304), `${host}: ${statuses.join(',')}`).toBe(true)
    }
    const reply = (await options.evaluate(() => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'getState' }))) as { state: { pages: { key: string; lastError: unknown; lastCheckedAt: number | null }[] } }
    for (const page of reply.state.pages) expect(page, page.key).toMatchObject({ lastError: null })
  }, HEALTHY_CADENCE_MS + 30_000)
})
