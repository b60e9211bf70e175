/**
 * The production Chrome build, loaded unpacked in real Chromium, watches OpenAI's page (its
 * default) served by the local HTTPS server as https://status.openai.com, while the server plays
 * the scripted outage with faults in between. Each step is polled through the extension's own
 * "check now" message (the same path as the popup button); what the extension shows is recorded
 * in its service worker by wrapping `chrome.notifications.create` before anything is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { collectNotifications, matchesInOrder, OPENAI_PROXY_PATH, outageScenario, SCHEDULED_DETECTION_MS } from './support/outage-scenario.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

interface Recorder {
  __shown: string[]
}

const steps = outageScenario()

describe('Chromium: the scripted OpenAI outage gives exactly the expected notifications', () => {
  let server: StatusServer
  let chromium: ChromiumWithExtension
  let page: Page

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert() })
    const first = steps[0]
    if (!first) throw new Error('empty scenario')
    server.set(OPENAI_PROXY_PATH, first.reply)
    chromium = await launchChromiumWithExtension({ hostMap: { 'status.openai.com': server.port } })
    await chromium.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as Recorder & { chrome: { notifications: { create: (...args: unknown[]) => unknown } } }
      g.__shown = []
      const create = g.chrome.notifications.create.bind(g.chrome.notifications)
      g.chrome.notifications.create = (...args: unknown[]) => {
        if (typeof args[0] === 'string') g.__shown.push(args[0])
        return create(...args)
      }
    })
    page = await chromium.openExtensionPage('icon-128.png')
  })

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  const checkNow = (): Promise<unknown> =>
    page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'checkNow' }))

  const takeShown = (): Promise<string[]> => chromium.serviceWorker.evaluate(() => (globalThis as unknown as Recorder).__shown.splice(0))

  const badgeText = (): Promise<string> =>
    chromium.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}),
    )

  for (const step of steps) {
    it(`${step.name}: ${step.notifications.length} notification(s), badge "${step.badge}"`, async () => {
      server.set(OPENAI_PROXY_PATH, step.reply)
      const changedAt = Date.now()
      if (step.trigger === 'checkNow') expect(await checkNow()).toMatchObject({ ok: true, polled: 1 })
      const { shown, detectedAfter } = await collectNotifications(step, changedAt, takeShown)
      if (step.trigger === 'schedule') expect(detectedAfter).toBeLessThanOrEqual(SCHEDULED_DETECTION_MS)
      expect(matchesInOrder(shown, step.notifications), `shown: ${JSON.stringify(shown)}`).toBe(true)
      expect(await badgeText()).toBe(step.badge)
    }, 60_000)
  }

  it('left nothing pending and recorded every event in the history', async () => {
    const stored = await chromium.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null),
    )
    const outbox = Object.entries(stored).filter(([key]) => key.toLowerCase().includes('outbox'))
    for (const [, value] of outbox) expect(JSON.stringify(value)).not.toMatch(/status\.openai\.com\|/)
    const state = (await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'getState' }),
    )) as { ok: boolean; state: { history: { kind: string }[]; pages: { key: string; lastError: unknown }[] } }
    expect(state.ok).toBe(true)
    expect(state.state.history.map((entry) => entry.kind).reverse()).toEqual([
      // By time: the incident's updates carry the page's own (2025) times, before everything seen now.
      'incident_opened',
      'incident_updated',
      'component_changed',
      'component_changed',
      'component_changed',
      'component_changed',
      'incident_resolved',
    ])
    expect(state.state.pages[0]).toMatchObject({ key: 'status.openai.com', lastError: null })
    // The faults were met with conditional requests and backoff, not a storm: count the polls.
    const polls = server.requests.filter((r) => r.path === OPENAI_PROXY_PATH)
    expect(polls.length).toBeLessThan(steps.length * 3)
  })
})
