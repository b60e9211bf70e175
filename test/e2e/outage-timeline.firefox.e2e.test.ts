/**
 * The same scripted outage in real Firefox ESR (the production dist/firefox, an event page).
 * Headless Firefox has no notification UI: it closes each notification at once, which fires
 * `notifications.onClosed` with its id in every extension view. A listener in an extension page
 * records those ids: the notifications the extension raised. Not necessarily in the order they
 * were raised: two created back to back were seen closing in either order (1 run in 5), so this
 * suite checks each expected id exactly once and nothing else; the Chromium suite, which sees
 * the creations themselves, checks the order.
 */
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/harness/firefox.ts'
import { collectNotifications, matchesOnceEach, OPENAI_PROXY_PATH, outageScenario, SCHEDULED_DETECTION_MS } from './support/outage-scenario.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

interface ExtensionWindow {
  __closed: string[]
  browser: {
    runtime: { sendMessage(message: unknown): Promise<unknown> }
    notifications: { onClosed: { addListener(listener: (id: string) => void): void } }
    action: { getBadgeText(details: object): Promise<string> }
  }
}

const steps = outageScenario()

describe('Firefox: the scripted OpenAI outage gives exactly the expected notifications', () => {
  let server: StatusServer
  let firefox: FirefoxWithExtension
  let page: Page

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert() })
    const first = steps[0]
    if (!first) throw new Error('empty scenario')
    server.set(OPENAI_PROXY_PATH, first.reply)
    firefox = await launchFirefoxWithExtension({ hostMap: { 'status.openai.com': server.port } })
    page = await firefox.openExtensionPage()
    await page.evaluate(() => {
      const w = globalThis as unknown as ExtensionWindow
      w.__closed = []
      w.browser.notifications.onClosed.addListener((id) => w.__closed.push(id))
    })
  }, 60_000)

  afterAll(async () => {
    await firefox?.close()
    await server?.close()
  })

  const send = (message: unknown): Promise<unknown> => page.evaluate((m) => (globalThis as unknown as ExtensionWindow).browser.runtime.sendMessage(m), message)
  const takeClosed = (): Promise<string[]> => page.evaluate(() => (globalThis as unknown as ExtensionWindow).__closed.splice(0))

  for (const step of steps) {
    it(`${step.name}: ${step.notifications.length} notification(s), badge "${step.badge}"`, async () => {
      server.set(OPENAI_PROXY_PATH, step.reply)
      const changedAt = Date.now()
      if (step.trigger === 'checkNow') expect(await send({ type: 'checkNow' })).toMatchObject({ ok: true, polled: 1 })
      const { shown, detectedAfter } = await collectNotifications(step, changedAt, takeClosed)
      if (step.trigger === 'schedule') expect(detectedAfter).toBeLessThanOrEqual(SCHEDULED_DETECTION_MS)
      expect(matchesOnceEach(shown, step.notifications), `shown: ${JSON.stringify(shown)}`).toBe(true)
      expect(await page.evaluate(() => (globalThis as unknown as ExtensionWindow).browser.action.getBadgeText({}))).toBe(step.badge)
    }, 60_000)
  }

  it('recorded every event in the history, in order', async () => {
    const reply = (await send({ type: 'getState' })) as { ok: boolean; state: { history: { kind: string }[] } }
    expect(reply.ok).toBe(true)
    expect(reply.state.history.map((entry) => entry.kind).reverse()).toEqual([
      // By time: the incident's updates carry the page's own (2025) times, before everything seen now.
      'incident_opened',
      'incident_updated',
      'component_changed',
      'component_changed',
      'component_changed',
      'component_changed',
      'incident_resolved',
    ])
  })
})
