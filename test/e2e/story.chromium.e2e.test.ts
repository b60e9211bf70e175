/**
 * The production Chrome build in real Chromium watches OpenAI's page (its default) while the
 * local HTTPS server plays the whole story of an incident, and then a gap of six hours in which
 * another one opened and ended (test/e2e/support/story-scenario.ts). Every notification is
 * recorded with its words in the service worker (the demo's recorder wraps `chrome.notifications.create`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'
import { installNotificationRecorder, takeRecordedNotifications } from '../../scripts/demo/recorder.ts'
import { collect, moveStoredTimesBack, serveStep, storyScenario, type Shown } from './support/story-scenario.ts'

const started = Date.now()
const { steps, expectations } = storyScenario(started)

describe('Chromium: the whole story of an incident, and what happened while the browser was closed', () => {
  let server: StatusServer
  let chromium: ChromiumWithExtension
  let page: Page

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert() })
    // The first look waits for the recorder: the page answers 503 until it is in place.
    server.set('/proxy/status.openai.com', { kind: 'raw', status: 503, headers: {}, body: '' })
    chromium = await launchChromiumWithExtension({ hostMap: { 'status.openai.com': server.port } })
    await installNotificationRecorder(chromium.serviceWorker)
    page = await chromium.openExtensionPage('icon-128.png')
  }, 60_000)

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  const checkNow = (): Promise<unknown> =>
    page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'checkNow' }))
  const take = (): Promise<Shown[]> => takeRecordedNotifications(chromium.serviceWorker)

  for (const expected of expectations) {
    it(expected.name, async () => {
      serveStep(server, steps, expected.step)
      if (expected.gapMs !== undefined) expect(await page.evaluate(moveStoredTimesBack, expected.gapMs)).toBe(1)
      expect(await checkNow()).toMatchObject({ ok: true })
      const shown = await collect(take, expected.notifications.length)
      expect(shown.map(({ title, message }) => ({ title, message }))).toEqual(expected.notifications.map(({ title, message }) => ({ title, message })))
      shown.forEach((n, i) => expect(n.id).toMatch(expected.notifications[i]?.id ?? /^$/))
    }, 60_000)
  }

  it('the popup history holds the gap at its real times', async () => {
    const reply = (await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'getState' }),
    )) as { ok: boolean; state: { history: { kind: string; at: number; name: string }[] } }
    expect(reply.ok).toBe(true)
    const away = reply.state.history.filter((entry) => entry.name === 'Elevated errors in the API')
    expect(away.map((entry) => [entry.kind, entry.at])).toEqual([
      ['incident_resolved', started - 4 * 3_600_000],
      ['incident_opened', started - 5 * 3_600_000],
    ])
  })
})
