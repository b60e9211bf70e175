/**
 * Real Chromium accepts what the Chrome build gives notifications.create: the two buttons on an
 * incident, and requireInteraction on a major or critical one once the setting is on. (Pressing a
 * button needs the OS notification UI, which headless Chromium has not: the unit tests press them.)
 * The options passed are recorded by wrapping `chrome.notifications.create` in the service worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { json, startStatusServer, type StatusServer } from '../../scripts/harness/status-server.ts'
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../scripts/harness/chromium.ts'
import { recordedOpenAiOutage } from '../../scripts/harness/recorded.ts'
import { INCIDENT_ID, OPENAI_PROXY_PATH } from '../../scripts/harness/timelines/openai-outage.ts'
import { selfSignedCert } from '../../scripts/harness/tls.ts'

interface Created {
  readonly id: string
  readonly options: { readonly buttons?: { title: string }[]; readonly requireInteraction?: boolean; readonly priority?: number }
}

interface Api {
  __created: Created[]
  chrome: {
    notifications: { create: (...args: unknown[]) => unknown; getAll(): Promise<Record<string, boolean>> }
    runtime: { sendMessage(m: unknown): Promise<unknown> }
    storage: { local: { set(items: object): Promise<void> } }
  }
}

describe('Chromium: notification buttons and keeping severe notifications on screen', () => {
  let server: StatusServer
  let chromium: ChromiumWithExtension
  let page: Page
  const body = (name: string): string => {
    const step = recordedOpenAiOutage().find((s) => s.name === name)
    if (step === undefined) throw new Error(`no step ${name}`)
    return step.body
  }

  beforeAll(async () => {
    server = await startStatusServer({ tls: selfSignedCert() })
    server.set(OPENAI_PROXY_PATH, json(body('healthy')))
    chromium = await launchChromiumWithExtension({ hostMap: { 'status.openai.com': server.port } })
    await chromium.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as Api
      g.__created = []
      const create = g.chrome.notifications.create.bind(g.chrome.notifications)
      g.chrome.notifications.create = (...args: unknown[]) => {
        if (typeof args[0] === 'string') g.__created.push({ id: args[0], options: args[1] as Created['options'] })
        return create(...args)
      }
    })
    page = await chromium.openExtensionPage('icon-128.png')
  })

  afterAll(async () => {
    await chromium?.close()
    await server?.close()
  })

  const send = (message: object): Promise<unknown> => page.evaluate((m) => (globalThis as unknown as Api).chrome.runtime.sendMessage(m), message)
  const takeCreated = (): Promise<Created[]> => chromium.serviceWorker.evaluate(() => (globalThis as unknown as Api).__created.splice(0))
  const shownIds = async (): Promise<string[]> => Object.keys(await chromium.serviceWorker.evaluate(() => (globalThis as unknown as Api).chrome.notifications.getAll()))

  it('an incident’s notification has "Open incident" and "Mute 1 h", and Chromium shows it', async () => {
    expect(await send({ type: 'updateFilters', keepSevereOnScreen: true })).toMatchObject({ ok: true, settings: { keepSevereOnScreen: true } })
    expect(await send({ type: 'checkNow' })).toMatchObject({ ok: true })
    await takeCreated()
    server.set(OPENAI_PROXY_PATH, json(body('opened')))
    expect(await send({ type: 'checkNow' })).toMatchObject({ ok: true, polled: 1 })
    const created = await takeCreated()
    const incident = created.find((c) => c.id === `status.openai.com|incident:${INCIDENT_ID}:opened`)
    expect(incident?.options.buttons).toEqual([{ title: 'Open incident' }, { title: 'Mute 1 h' }])
    // Only priority 2 stays on screen: this outage's level decides which it is.
    for (const c of created) expect(c.options.requireInteraction === true).toBe(c.options.priority === 2)
    expect(await shownIds()).toContain(incident?.id)
  }, 60_000)

  it('a major notification is created with requireInteraction and shown', async () => {
    const entry = { id: 'status.openai.com|e2e:major', pageKey: 'status.openai.com', title: 'OpenAI — Major outage', body: 'Major · Investigating', url: 'https://status.openai.com/', priority: 2, attempts: 0 }
    // Owed notifications are delivered at every wake-up, a message's included (wake.ts).
    await chromium.serviceWorker.evaluate((e) => (globalThis as unknown as Api).chrome.storage.local.set({ outbox: { version: 1, entries: [e] } }), entry)
    await send({ type: 'getState' })
    await expect.poll(async () => (await shownIds()).includes(entry.id), { timeout: 10_000 }).toBe(true)
    const created = await takeCreated()
    expect(created.find((c) => c.id === entry.id)?.options).toMatchObject({ requireInteraction: true, priority: 2, buttons: [{ title: 'Open page' }, { title: 'Mute 1 h' }] })
  }, 60_000)
})
