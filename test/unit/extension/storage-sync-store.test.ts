import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeItem } from '../../../extension/storage/item.ts'
import { pageRecordLoader } from '../../../extension/storage/page-records.ts'
import { PAGE_RECORD, pageStorageKey } from '../../../extension/storage/records.ts'
import { defaultSettings, SETTINGS, type Settings } from '../../../extension/storage/settings.ts'
import { getLocal, readSettings, readSettingsBefore, writeSettings } from '../../../extension/storage/store.ts'
import { isSettingsKey, joinSettings, splitSettings, staleChunkKeys } from '../../../extension/storage/sync-chunks.ts'
import { initialPageState } from '../../../src/page-state.ts'
import { NOTHING_OMITTED } from '../../../src/state-budget.ts'
import { resetBrowser, watched } from '../../support/background-harness.ts'


// storage.sync's limits (chrome.storage.sync.QUOTA_BYTES_PER_ITEM, MAX_ITEMS).
const QUOTA_BYTES_PER_ITEM = 8192
const MAX_ITEMS = 512
const itemBytes = (key: string, value: unknown): number => new TextEncoder().encode(key + JSON.stringify(value)).length

const settingsOf = (count: number, name = (i: number): string => `Company ${i}`): Settings => ({
  version: 2,
  notifyOnRecovery: true,
  quietHours: null,
  keepSevereOnScreen: false,
  pages: Array.from({ length: count }, (_, i) => watched(`https://status${i}.example.com`, 'statuspage', name(i))),
})

/** The storage.onChanged `changes` of one writeSettings call, as the browser reports them. */
async function changesOf(write: () => Promise<unknown>): Promise<Record<string, { oldValue?: unknown; newValue?: unknown }>> {
  const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {}
  const listener = (c: Record<string, { oldValue?: unknown; newValue?: unknown }>): void => void Object.assign(changes, c)
  fakeBrowser.storage.sync.onChanged.addListener(listener)
  await write()
  fakeBrowser.storage.sync.onChanged.removeListener(listener)
  return changes
}

describe('settings split over sync items', () => {
  it('settings keys are the header and its numbered chunks, nothing else', () => {
    expect(['settings', 'settings:1', 'settings:12'].map(isSettingsKey)).toEqual([true, true, true])
    expect(['other', 'settings:', 'settings:1x', 'xsettings:1', 'my-settings:2', 'settings:1:2'].map(isSettingsKey)).toEqual([false, false, false, false, false, false])
  })

  it('1,000 pages fit sync: every item under the 8 KB quota and far fewer items than the 512 allowed', () => {
    const items = splitSettings(encodeItem(SETTINGS, settingsOf(1000)))
    const keys = Object.keys(items)
    expect(keys[0]).toBe('settings')
    expect(keys.slice(1)).toEqual(Array.from({ length: keys.length - 1 }, (_, i) => `settings:${i + 1}`))
    expect(keys.length).toBeGreaterThan(2)
    expect(keys.length).toBeLessThan(MAX_ITEMS / 10)
    for (const key of keys) expect(itemBytes(key, items[key])).toBeLessThan(QUOTA_BYTES_PER_ITEM)
    expect(joinSettings(items)).toEqual(encodeItem(SETTINGS, settingsOf(1000)))
  })

  it('a chunk holds about 7 KB: the rest of the 8 KB is the room left for the key and the header', () => {
    // Short pages make per-page rounding errors add up; long ones make an overshoot by one page large.
    for (const settings of [settingsOf(600, () => ''), settingsOf(60, (i) => `${i}`.padEnd(100, 'x'))]) {
      const items = splitSettings(encodeItem(SETTINGS, settings))
      for (const [key, value] of Object.entries(items)) if (key !== 'settings') expect(JSON.stringify(value).length).toBeLessThanOrEqual(7010)
    }
  })

  it('a first page too large to share the header’s item still goes in the header (no empty item)', () => {
    const big = { ...settingsOf(1), pages: [{ ...watched('https://status.example.com', 'statuspage'), filters: { componentIds: Array.from({ length: 400 }, (_, i) => `component-id-${i}`), mutedUntil: null, mutedForever: false } }] }
    const items = splitSettings(encodeItem(SETTINGS, big))
    expect(JSON.stringify(items.settings).length).toBeGreaterThan(7000)
    expect(Object.keys(items)).toEqual(['settings'])
    expect((items.settings as { more: number }).more).toBe(0)
  })

  it('settings without a page list split into a header with no pages; a header without one reads no pages', () => {
    expect(splitSettings({ version: 2, notifyOnRecovery: true })).toEqual({ settings: { version: 2, notifyOnRecovery: true, pages: [], more: 0 } })
    expect(joinSettings({ settings: { version: 2, notifyOnRecovery: false } })).toEqual({ version: 2, notifyOnRecovery: false, pages: [] })
  })

  it('chunks beyond the header’s count are not read (a stale chunk left by a failed remove)', () => {
    const items = { settings: { version: 2, pages: [{ u: 'a' }], more: 1 }, 'settings:1': [{ u: 'b' }], 'settings:2': [{ u: 'stale' }] }
    expect(joinSettings(items)).toEqual({ version: 2, pages: [{ u: 'a' }, { u: 'b' }] })
  })

  it('a chunk count that is not a whole number is not trusted: only the header’s pages are read', () => {
    for (const more of [1.5, '1', null]) {
      expect(joinSettings({ settings: { version: 2, pages: [{ u: 'a' }], more }, 'settings:1': [{ u: 'b' }] })).toEqual({ version: 2, pages: [{ u: 'a' }] })
    }
  })

  it('stale chunks are those past the count; the header, chunks in use and other keys are never stale', () => {
    const items = { settings: {}, 'settings:1': [], 'settings:2': [], 'settings:3': [], other123456: 1, notes: 2 }
    expect(staleChunkKeys(items, 1)).toEqual(['settings:2', 'settings:3'])
    expect(staleChunkKeys(items, 3)).toEqual([])
  })
})

describe('writing and reading settings', () => {
  beforeEach(() => resetBrowser())

  it('an unchanged write touches nothing in sync (its writes are rate-limited)', async () => {
    await writeSettings(settingsOf(3))
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set')
    const remove = vi.spyOn(fakeBrowser.storage.sync, 'remove')
    expect(await writeSettings(settingsOf(3))).toBe(false)
    expect(set).not.toHaveBeenCalled()
    expect(remove).not.toHaveBeenCalled()
  })

  it('a stray chunk is removed even when the settings are unchanged, and that counts as a write', async () => {
    await writeSettings(settingsOf(3))
    await fakeBrowser.storage.sync.set({ 'settings:7': [{ u: 'https://stray.example.com/' }] })
    expect(await writeSettings(settingsOf(3))).toBe(true)
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['settings'])
  })

  it('the settings before a change are rebuilt from the change’s old values', async () => {
    const before = settingsOf(3)
    await writeSettings(before)
    const changes = await changesOf(() => writeSettings({ ...before, notifyOnRecovery: false }))
    expect(await readSettings()).toEqual({ ...before, notifyOnRecovery: false })
    expect(await readSettingsBefore(changes)).toEqual(before)
  })

  it('a change to one chunk alone is read over the unchanged header', async () => {
    const before = settingsOf(300)
    await writeSettings(before)
    const renamed = { ...before, pages: before.pages.map((p, i) => (i === 299 ? { ...p, name: 'Renamed' } : p)) }
    const changes = await changesOf(() => writeSettings(renamed))
    expect(Object.keys(changes)).not.toContain('settings')
    expect(await readSettingsBefore(changes)).toEqual(before)
  })

  it('before the very first write there were no settings: the defaults', async () => {
    await writeSettings(settingsOf(2))
    // A browser reports a key that did not exist before without an oldValue (the fake says null).
    const stored = await fakeBrowser.storage.sync.get(null)
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = Object.fromEntries(Object.entries(stored).map(([key, newValue]) => [key, { newValue }]))
    expect(await readSettingsBefore(changes)).toEqual(defaultSettings())
  })

  it('changes to other sync keys do not alter the settings before', async () => {
    await writeSettings(settingsOf(2))
    expect(await readSettingsBefore({ unrelated: { oldValue: 'x' } })).toEqual(settingsOf(2))
  })
})

describe('local reads', () => {
  beforeEach(() => resetBrowser())

  it('asking for no keys reads nothing from storage', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get')
    expect(await getLocal([])).toEqual({})
    expect(get).not.toHaveBeenCalled()
  })
})

describe('page records read in batches', () => {
  beforeEach(() => resetBrowser())

  const keys = Array.from({ length: 12 }, (_, i) => `s${i}.test`)
  const record = (errorCount: number): unknown => encodeItem(PAGE_RECORD, { state: { ...initialPageState(), errorCount }, badShapes: 0, omitted: NOTHING_OMITTED })
  const storeAll = async (errorCount: (i: number) => number): Promise<void> => {
    await fakeBrowser.storage.local.set(Object.fromEntries(keys.map((key, i) => [pageStorageKey(key), record(errorCount(i))])))
  }

  it('a batch reads exactly its own pages, never the whole list', async () => {
    await storeAll((i) => i)
    const get = vi.spyOn(fakeBrowser.storage.local, 'get')
    const load = pageRecordLoader(keys, 5)
    for (const key of keys) await load(key)
    expect(get.mock.calls.map(([asked]) => asked)).toEqual([keys.slice(0, 5), keys.slice(5, 10), keys.slice(10)].map((batch) => batch.map(pageStorageKey)))
  })

  it('a batch that cannot be read: each of its pages is read on its own', async () => {
    await storeAll((i) => i + 100)
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('IO error'))
    const load = pageRecordLoader(keys, 5)
    expect((await load(keys[0] ?? '')).state.errorCount).toBe(100)
    expect((await load(keys[1] ?? '')).state.errorCount).toBe(101)
  })

  it('once every page of a batch is handed out it is forgotten: a page read again sees what is stored now', async () => {
    await storeAll(() => 1)
    const load = pageRecordLoader(keys, 5)
    for (const key of keys) await load(key)
    await storeAll(() => 2)
    // A full batch and the last, shorter one.
    expect((await load(keys[0] ?? '')).state.errorCount).toBe(2)
    expect((await load(keys[11] ?? '')).state.errorCount).toBe(2)
  })
})
