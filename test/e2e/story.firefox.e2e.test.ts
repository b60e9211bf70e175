/**
 * The same whole story in real Firefox ESR (the production dist/firefox, an event page). Headless
 * Firefox closes notifications at once, so the words are recorded where they are made: the test
 * wraps `browser.notifications.create` in the event page (reached with runtime.getBackgroundPage),
 * which is kept from suspending for the run.
 */
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/harness/firefox.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'
import { collect, moveStoredTimesBack, serveStep, storyScenario, type Shown } from './support/story-scenario.ts'

interface Recorder {
  __shown: Shown[]
  browser: { notifications: { create: (...args: unknown[]) => Promise<string> } }
}

interface ExtensionWindow {
  browser: { runtime: { sendMessage(message: unknown): Promise<unknown>; getBackgroundPage(): Promise<Recorder> } }
}

const started = Date.now()
const { steps, expectations } = storyScenario(started)

describe('Firefox: the whole story of an incident, and what happened while the browser was closed', () => {
  let server: StatusServer
  let firefox: FirefoxWithExtension
  let page: Page

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert() })
    // The first look waits for the recorder: the page answers 503 until it is in place.
    server.set('/proxy/status.openai.com', { kind: 'raw', status: 503, headers: {}, body: '' })
    firefox = await launchFirefoxWithExtension({ hostMap: { 'status.openai.com': server.port }, prefs: { 'extensions.background.idle.timeout': 3_600_000 } })
    page = await firefox.openExtensionPage()
    await page.evaluate(async () => {
      const background = await (globalThis as unknown as ExtensionWindow).browser.runtime.getBackgroundPage()
      background.__shown = []
      const create = background.browser.notifications.create.bind(background.browser.notifications)
      background.browser.notifications.create = (...args: unknown[]) => {
        const [id, options] = args as [string, { title?: string; message?: string }]
        background.__shown.push({ id, title: options.title ?? '', message: options.message ?? '' })
        return create(...args)
      }
    })
  }, 60_000)

  afterAll(async () => {
    await firefox?.close()
    await server?.close()
  })

  const send = (message: unknown): Promise<unknown> => page.evaluate((m) => (globalThis as unknown as ExtensionWindow).browser.runtime.sendMessage(m), message)
  const take = (): Promise<Shown[]> =>
    page.evaluate(async () => (await (globalThis as unknown as ExtensionWindow).browser.runtime.getBackgroundPage()).__shown.splice(0))

  for (const expected of expectations) {
    it(expected.name, async () => {
      serveStep(server, steps, expected.step)
      if (expected.gapMs !== undefined) expect(await page.evaluate(moveStoredTimesBack, expected.gapMs)).toBe(1)
      expect(await send({ type: 'checkNow' })).toMatchObject({ ok: true })
      const shown = await collect(take, expected.notifications.length)
      expect(shown.map(({ title, message }) => ({ title, message }))).toEqual(expected.notifications.map(({ title, message }) => ({ title, message })))
      shown.forEach((n, i) => expect(n.id).toMatch(expected.notifications[i]?.id ?? /^$/))
    }, 60_000)
  }

  it('the popup history holds the gap at its real times', async () => {
    const reply = (await send({ type: 'getState' })) as { ok: boolean; state: { history: { kind: string; at: number; name: string }[] } }
    expect(reply.ok).toBe(true)
    const away = reply.state.history.filter((entry) => entry.name === 'Elevated errors in the API')
    expect(away.map((entry) => [entry.kind, entry.at])).toEqual([
      ['incident_resolved', started - 4 * 3_600_000],
      ['incident_opened', started - 5 * 3_600_000],
    ])
  })
})
