import { fakeBrowser } from '@webext-core/fake-browser'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, startStatusServer, type StatusServer } from '../../../scripts/harness/status-server.ts'
import { openAiOutageTimeline, type TimelineStep } from '../../../scripts/harness/timelines/openai-outage.ts'
import { createContext } from '../../../extension/background/context.ts'
import { deliverOutbox } from '../../../extension/background/outbox.ts'
import { MUTE_BUTTON, OPEN_BUTTON } from '../../../extension/background/notification-click.ts'
import type { NotificationOptions } from '../../../extension/background/notification-options.ts'
import { readSettings } from '../../../extension/storage/store.ts'
import { HOUR_MS, type WatchedPage } from '../../../extension/storage/settings.ts'
import type { OutboxEntry } from '../../../extension/storage/records.ts'
import { bootWorker, calls, fireAlarm, granted, install, recordOpenedTabs, resetBrowser, storeSettings, storeWholeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'
import { sampleJson } from '../../support/samples.ts'

const OPENAI = 'https://status.openai.com/'
const GITHUB = 'https://www.githubstatus.com/'

/** The Firefox build's manifest: the gecko id is what tells the builds apart (manifest.config.ts). */
function asFirefox(): void {
  Object.assign(fakeBrowser.runtime, {
    getManifest: () => ({ manifest_version: 3, name: 'Status Monitor', version: '0.1.0', browser_specific_settings: { gecko: { id: 'status-monitor@status-monitor.dev' } } }),
  })
}

const note = (fields: Partial<OutboxEntry> & Pick<OutboxEntry, 'id' | 'pageKey'>): OutboxEntry => ({ title: 't', body: 'b', url: '', priority: 0, attempts: 0, ...fields })

async function shown(entries: OutboxEntry[], clock: Clock): Promise<Record<string, NotificationOptions>> {
  await fakeBrowser.storage.local.set({ outbox: { version: 1, entries } })
  await deliverOutbox(createContext(testDeps(clock)))
  return fakeBrowser.notifications.getAllCreateOptions() as Record<string, NotificationOptions>
}

async function keepSevere(on: boolean, pages: WatchedPage[]): Promise<void> {
  await storeWholeSettings({ version: 2, notifyOnRecovery: true, quietHours: null, keepSevereOnScreen: on, pages })
}

describe('notification buttons and keeping severe ones on screen', () => {
  let clock: Clock
  const openai = watched(OPENAI, 'incidentio', 'OpenAI')
  const github = watched(GITHUB, 'statuspage', 'GitHub')

  beforeEach(async () => {
    resetBrowser()
    clock = { now: Date.UTC(2025, 3, 8, 12) }
    await storeSettings([openai, github])
  })

  it('Chrome: an incident gets "Open incident" and "Mute 1 h"; a note that opens the page says "Open page"; the quiet-hours summary, no page’s, none', async () => {
    const options = await shown(
      [
        note({ id: 'status.openai.com|incident:1:opened', pageKey: openai.key, url: 'https://status.openai.com/incidents/1' }),
        note({ id: 'status.openai.com|*components:2:ab', pageKey: openai.key, url: OPENAI }),
        // Not on the page's host: the click opens the page, and the button says so.
        note({ id: 'www.githubstatus.com|incident:2:opened', pageKey: github.key, url: 'https://evil.example/incidents/2' }),
        note({ id: 'quiet|summary', pageKey: '' }),
      ],
      clock,
    )
    expect(options['status.openai.com|incident:1:opened']?.buttons).toEqual([{ title: 'Open incident' }, { title: 'Mute 1 h' }])
    expect(options['status.openai.com|*components:2:ab']?.buttons).toEqual([{ title: 'Open page' }, { title: 'Mute 1 h' }])
    expect(options['www.githubstatus.com|incident:2:opened']?.buttons?.[0]).toEqual({ title: 'Open page' })
    expect(options['quiet|summary']).toBeDefined()
    expect(options['quiet|summary']?.buttons).toBeUndefined()
  })

  it('Firefox: no buttons, no requireInteraction (the setting on), no button listener, and a click opens the incident', async () => {
    asFirefox()
    await keepSevere(true, [openai])
    const options = await shown([note({ id: 'status.openai.com|incident:1:opened', pageKey: openai.key, url: 'https://status.openai.com/incidents/1', priority: 2 })], clock)
    expect(Object.keys(options['status.openai.com|incident:1:opened'] ?? {}).sort()).toEqual(['iconUrl', 'message', 'priority', 'title', 'type'])
    await bootWorker(testDeps(clock))
    expect(fakeBrowser.notifications.onButtonClicked.hasListeners()).toBe(false)
    const opened = recordOpenedTabs()
    await fakeBrowser.storage.local.set({ links: { version: 1, entries: [{ id: 'status.openai.com|incident:1:opened', url: 'https://status.openai.com/incidents/1', pageUrl: OPENAI }] } })
    await fakeBrowser.notifications.onClicked.trigger('status.openai.com|incident:1:opened')
    expect(opened).toEqual(['https://status.openai.com/incidents/1'])
    vi.restoreAllMocks()
  })

  it.each([
    [false, 2, undefined],
    [true, 1, undefined],
    [true, 0, undefined],
    [true, 2, true],
  ] as const)('requireInteraction with the setting %s and priority %i: %s', async (on, priority, expected) => {
    await keepSevere(on, [openai])
    const options = await shown([note({ id: 'status.openai.com|n', pageKey: openai.key, priority })], clock)
    expect(options['status.openai.com|n']?.requireInteraction).toBe(expected)
  })
})

describe('pressing a notification button', () => {
  let clock: Clock
  let opened: string[]

  beforeEach(async () => {
    resetBrowser()
    clock = { now: Date.UTC(2025, 3, 8, 12) }
    opened = recordOpenedTabs()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const create = (id: string): Promise<string> => fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: 'icon-128.png', title: 't', message: 'm' })

  it('"Open incident" opens the safe link, and a link off the page’s host opens the page', async () => {
    await storeSettings([watched(OPENAI, 'incidentio', 'OpenAI')])
    await bootWorker(testDeps(clock))
    const safe = { id: 'status.openai.com|a', url: 'https://status.openai.com/incidents/a', pageUrl: OPENAI }
    const hostile = { id: 'status.openai.com|b', url: 'javascript:alert(1)', pageUrl: OPENAI }
    await fakeBrowser.storage.local.set({ links: { version: 1, entries: [safe, hostile] } })
    for (const id of ['status.openai.com|a', 'status.openai.com|b']) {
      await create(id)
      await fakeBrowser.notifications.onButtonClicked.trigger(id, OPEN_BUTTON)
    }
    expect(opened).toEqual(['https://status.openai.com/incidents/a', OPENAI])
    expect(await fakeBrowser.notifications.getAll()).toEqual({})
  })

  it('"Mute 1 h" mutes the page the id names (the longer of two prefixing keys) for an hour, and clears the notification', async () => {
    const short = watched('https://status.x.com/a', 'statuspage', 'A')
    const long = watched('https://status.x.com/a|b', 'statuspage', 'AB')
    await storeSettings([long, short])
    await bootWorker(testDeps(clock))
    const id = `${long.key}|incident:1:opened`
    await create(id)
    await create(`${short.key}|incident:2:opened`)
    await fakeBrowser.notifications.onButtonClicked.trigger(id, MUTE_BUTTON)
    const pages = (await readSettings()).pages
    expect(pages.find((p) => p.key === long.key)?.filters).toEqual({ componentIds: null, mutedUntil: clock.now + HOUR_MS, mutedForever: false })
    expect(pages.find((p) => p.key === short.key)?.filters.mutedUntil).toBeNull()
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([`${short.key}|incident:2:opened`])
    expect(opened).toEqual([])
  })

  it('"Mute 1 h" on a page no longer watched changes no setting and still clears the notification', async () => {
    const before = await storeSettings([watched(OPENAI, 'incidentio', 'OpenAI')])
    await bootWorker(testDeps(clock))
    await create('gone.example.com|x')
    await fakeBrowser.notifications.onButtonClicked.trigger('gone.example.com|x', MUTE_BUTTON)
    expect((await readSettings()).pages.map((p) => p.filters)).toEqual(before.pages.map((p) => p.filters))
    expect(await fakeBrowser.notifications.getAll()).toEqual({})
  })
})

describe('"Mute 1 h" through a real poll (node:http server)', () => {
  let server: StatusServer
  let steps: TimelineStep[]
  const PROXY = '/proxy/127.0.0.1'
  const serve = (name: TimelineStep['name']): void => {
    const step = steps.find((s) => s.name === name)
    if (step === undefined) throw new Error(name)
    server.set(PROXY, json(step.body))
  }

  beforeAll(async () => {
    steps = openAiOutageTimeline(sampleJson('incidentio/openai-proxy-summary-2025-04-08.json'))
    server = await startStatusServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('the next poll’s news from the muted page is kept in the history but not notified', async () => {
    resetBrowser()
    server.clear()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const clock: Clock = { now: Date.UTC(2025, 3, 8, 17, 0) }
    granted.add('http://127.0.0.1/*')
    const page = watched(server.origin, 'incidentio', 'OpenAI')
    await storeSettings([page])
    serve('healthy')
    await bootWorker(testDeps(clock, { timeoutMs: 1_000 }))
    await install()
    serve('opened')
    clock.now += 60_000
    await fireAlarm(clock)
    const [first] = calls.created
    expect(first).toBeDefined()
    expect((fakeBrowser.notifications.getAllCreateOptions() as Record<string, NotificationOptions>)[first ?? '']?.buttons?.[1]).toEqual({ title: 'Mute 1 h' })

    await fakeBrowser.notifications.onButtonClicked.trigger(first ?? '', MUTE_BUTTON)
    const historyBefore = ((await fakeBrowser.storage.local.get('history')).history as { entries: unknown[] }).entries.length
    const createdBefore = calls.created.length
    serve('updated')
    clock.now += 60_000
    await fireAlarm(clock)
    expect(calls.created.length).toBe(createdBefore)
    expect(((await fakeBrowser.storage.local.get('history')).history as { entries: unknown[] }).entries.length).toBeGreaterThan(historyBefore)
    vi.restoreAllMocks()
  })
})
