import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeItem } from '../../../extension/storage/item.ts'
import { EMPTY_ENTRY, META, PAGE_RECORD, pageStorageKey, SCHEDULE, type ScheduleEntry } from '../../../extension/storage/records.ts'
import { buildStateView } from '../../../extension/storage/state-view.ts'
import { writeSettings } from '../../../extension/storage/store.ts'
import type { Snapshot } from '../../../src/model.ts'
import { initialPageState, type PageState } from '../../../src/page-state.ts'
import { pollError } from '../../../src/poll-error.ts'
import { NOTHING_OMITTED, type Omitted } from '../../../src/state-budget.ts'
import { granted, resetBrowser, watched } from '../../support/background-harness.ts'


const URL_A = 'https://status.example.com'
const KEY_A = 'status.example.com'

const snapshot: Snapshot = {
  platform: 'statuspage',
  page: { name: 'Example Status', url: URL_A },
  level: 'operational',
  components: [],
  groups: [],
  incidents: [],
  maintenances: [],
}

interface Stored {
  readonly name?: string
  readonly state?: Partial<PageState>
  readonly omitted?: Omitted
  readonly entry?: Partial<ScheduleEntry>
  readonly offline?: boolean
}

/** One watched page with its record and schedule entry in storage, and the view built over it. */
async function viewOf({ name = '', state = {}, omitted = NOTHING_OMITTED, entry = {}, offline = false }: Stored, options = {}) {
  await writeSettings({ version: 2, notifyOnRecovery: true, quietHours: null, pages: [watched(URL_A, 'statuspage', name)] })
  await fakeBrowser.storage.local.set({
    [pageStorageKey(KEY_A)]: encodeItem(PAGE_RECORD, { state: { ...initialPageState(), ...state }, badShapes: 0, omitted }),
    [SCHEDULE.key]: encodeItem(SCHEDULE, { pages: { [KEY_A]: { ...EMPTY_ENTRY, ...entry } } }),
    [META.key]: encodeItem(META, { offline, since: offline ? 1 : null }),
  })
  return buildStateView(options)
}

describe('the state view of a page', () => {
  beforeEach(() => {
    resetBrowser()
    granted.add('https://*.example.com/*')
  })

  it('an unnamed page is called by its status page’s own name, or by its key before the first good poll', async () => {
    expect((await viewOf({ state: { snapshot } })).pages[0]?.name).toBe('Example Status')
    expect((await viewOf({ name: 'Mine', state: { snapshot } })).pages[0]?.name).toBe('Mine')
    expect((await viewOf({})).pages[0]?.name).toBe(KEY_A)
  })

  it('a network error is shown while online and left to the one offline state while offline', async () => {
    const network = pollError('network', 'unreachable')
    const http = pollError('http', 'HTTP 500')
    expect((await viewOf({ state: { lastError: network } })).pages[0]?.lastError).toEqual(network)
    expect((await viewOf({ state: { lastError: network }, offline: true })).pages[0]?.lastError).toBeNull()
    expect((await viewOf({ state: { lastError: http }, offline: true })).pages[0]?.lastError).toEqual(http)
    expect((await viewOf({ offline: true })).pages[0]?.lastError).toBeNull()
  })

  it('the shell’s own failures in the schedule are shown over the record’s error', async () => {
    const storage = (await viewOf({ entry: { error: 'storage' }, state: { lastError: pollError('http', 'HTTP 500') } })).pages[0]?.lastError
    expect(storage?.kind).toBe('storage')
    expect(storage?.message).toMatch(/storage is full/)
    const internal = (await viewOf({ entry: { error: 'internal' } })).pages[0]?.lastError
    expect(internal?.kind).toBe('internal')
    expect(internal?.message).toMatch(/inside the extension/)
  })

  it('says what the storage budget left out, and only when something was', async () => {
    expect((await viewOf({})).pages[0]).not.toHaveProperty('omitted')
    for (const omitted of [
      { components: 3, incidents: 0, maintenances: 0 },
      { components: 0, incidents: 1, maintenances: 0 },
      { components: 0, incidents: 1, maintenances: 1 },
    ]) {
      expect((await viewOf({ omitted })).pages[0]?.omitted).toEqual(omitted)
    }
  })

  it('a calm page listed compactly shows the level of its entry, operational when it has none', async () => {
    const compact = { compactHealthyAbove: 0 }
    expect((await viewOf({ entry: { calm: true, level: 'maintenance' } }, compact)).pages[0]).toMatchObject({ compact: true, level: 'maintenance' })
    expect((await viewOf({ entry: { calm: true, level: null } }, compact)).pages[0]).toMatchObject({ compact: true, level: 'operational' })
  })
})

describe('the state view’s session and notification parts', () => {
  beforeEach(() => {
    resetBrowser()
    granted.add('https://*.example.com/*')
  })

  it('a session area that cannot be read means no problem and nothing undelivered (null, not missing)', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'get').mockRejectedValue(new Error('session unavailable'))
    const view = await viewOf({})
    expect(view.problem).toBeNull()
    expect(view.notifications.undelivered).toBeNull()
    vi.mocked(fakeBrowser.storage.session.get).mockRestore()
  })

  it('the notification permission is granted, denied, or not known', async () => {
    const answers: Record<string, () => Promise<string>> = {
      granted: () => Promise.resolve('granted'),
      denied: () => Promise.resolve('denied'),
      odd: () => Promise.resolve('sometimes'),
      broken: () => Promise.reject(new Error('no')),
    }
    const seen: Record<string, unknown> = {}
    for (const [name, getPermissionLevel] of Object.entries(answers)) {
      Object.assign(fakeBrowser.notifications, { getPermissionLevel })
      seen[name] = (await viewOf({})).notifications.permission
    }
    Object.assign(fakeBrowser.notifications, { getPermissionLevel: undefined })
    expect(seen).toEqual({ granted: 'granted', denied: 'denied', odd: null, broken: null })
  })
})
