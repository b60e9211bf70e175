import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { NOTHING_OMITTED } from '../../../src/state-budget.ts'
import { decodeItem, defineItem, encodeItem } from '../../../extension/storage/item.ts'
import { HISTORY, LINKS, META, OUTBOX, PAGE_RECORD, SCHEDULE } from '../../../extension/storage/records.ts'
import { defaultSettings, SETTINGS, type Settings } from '../../../extension/storage/settings.ts'
import { readSettings, writeSettings } from '../../../extension/storage/store.ts'
import { joinSettings, splitSettings } from '../../../extension/storage/sync-chunks.ts'
import { initialPageState } from '../../../src/page-state.ts'
import { resetBrowser, watched } from '../../support/background-harness.ts'


const SYNC_QUOTA_BYTES_PER_ITEM = 8192
const itemBytes = (key: string, value: unknown): number => new TextEncoder().encode(key + JSON.stringify(value)).length

describe('a declared storage item', () => {
  const item = defineItem<{ name: string; tags: string[] }>({
    area: 'local',
    key: 'thing',
    version: 3,
    fallback: () => ({ name: 'none', tags: [] }),
    // v1 had `title`; v2 renamed it `name`; v3 added `tags`.
    migrations: [({ title, ...rest }) => ({ ...rest, name: title }), (value) => ({ ...value, tags: ['migrated'] })],
    repair: (value) => ({
      name: typeof value.name === 'string' ? value.name : 'none',
      tags: Array.isArray(value.tags) ? value.tags.filter((t): t is string => typeof t === 'string') : [],
    }),
  })

  it('runs the migrations in order from the stored version', () => {
    expect(decodeItem(item, { version: 1, title: 'a' })).toEqual({ name: 'a', tags: ['migrated'] })
    expect(decodeItem(item, { version: 2, name: 'b' })).toEqual({ name: 'b', tags: ['migrated'] })
    expect(decodeItem(item, { version: 3, name: 'c', tags: ['x', 1] })).toEqual({ name: 'c', tags: ['x'] })
  })

  it('repairs instead of throwing; a value of a newer build is read as well as it can be', () => {
    expect(decodeItem(item, undefined)).toEqual({ name: 'none', tags: [] })
    expect(decodeItem(item, 'garbage')).toEqual({ name: 'none', tags: [] })
    expect(decodeItem(item, { version: 9, name: 'future', extra: {} })).toEqual({ name: 'future', tags: [] })
    const throwing = defineItem({ ...item, repair: () => { throw new Error('bug') } })
    expect(decodeItem(throwing, { version: 3 })).toEqual({ name: 'none', tags: [] })
  })

  it('stores its version with the value', () => {
    expect(encodeItem(item, { name: 'n', tags: [] })).toEqual({ version: 3, name: 'n', tags: [] })
  })

  it('every local record survives a round trip and repairs garbage to its default', () => {
    for (const spec of [SCHEDULE, OUTBOX, HISTORY, LINKS, META]) {
      const value = spec.fallback()
      expect(decodeItem(spec as typeof SCHEDULE, JSON.parse(JSON.stringify(encodeItem(spec as typeof SCHEDULE, value as never))))).toEqual(value)
      expect(decodeItem(spec as typeof SCHEDULE, 42)).toEqual(value)
    }
    for (const omitted of [NOTHING_OMITTED, { components: 70_000, incidents: 3, maintenances: 0 }]) {
      const record = { state: initialPageState(), badShapes: 2, omitted }
      expect(decodeItem(PAGE_RECORD, JSON.parse(JSON.stringify(encodeItem(PAGE_RECORD, record))))).toEqual(record)
    }
    // A record stored before the budget existed reads as nothing left out.
    expect(decodeItem(PAGE_RECORD, { version: 1, state: initialPageState(), badShapes: 0 }).omitted).toEqual(NOTHING_OMITTED)
  })
})

describe('settings in storage.sync', () => {
  beforeEach(() => {
    resetBrowser()
  })

  it('defaults to watching OpenAI (incident.io), without writing anything', async () => {
    expect(await readSettings()).toEqual({
      version: 2,
      notifyOnRecovery: true,
      quietHours: null,
      keepSevereOnScreen: false,
      pages: [
        {
          key: 'status.openai.com',
          url: 'https://status.openai.com/',
          platform: 'incidentio',
          name: 'OpenAI',
          addedAt: 0,
          filters: { componentIds: null, mutedUntil: null, mutedForever: false },
        },
      ],
    })
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({})
  })

  it('are compact, split over items under the 8 KB quota, and read back equal', async () => {
    const pages = Array.from({ length: 300 }, (_, i) => watched(`https://status${i}.example-company-${i}.com`, i % 2 ? 'statuspage' : null, `Company ${i}`))
    const settings: Settings = { version: 2, notifyOnRecovery: false, quietHours: null, keepSevereOnScreen: false, pages }
    expect(await writeSettings(settings)).toBe(true)
    const stored = await fakeBrowser.storage.sync.get(null)
    const keys = Object.keys(stored)
    expect(keys.length).toBeGreaterThan(2)
    for (const key of keys) expect(itemBytes(key, stored[key])).toBeLessThan(SYNC_QUOTA_BYTES_PER_ITEM)
    const total = keys.reduce((sum, key) => sum + itemBytes(key, stored[key]), 0)
    expect(total / pages.length).toBeLessThan(100) // bytes per page: 1,000 pages fit sync's 100 KB
    expect(await readSettings()).toEqual(settings)

    // Unchanged: no write at all. Fewer pages: the chunks no longer used are removed.
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set')
    expect(await writeSettings(settings)).toBe(false)
    expect(set).not.toHaveBeenCalled()
    await writeSettings({ ...settings, pages: pages.slice(0, 1) })
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['settings'])
    expect((await readSettings()).pages).toEqual(pages.slice(0, 1))
  })

  it('a missing chunk loses only its own pages', () => {
    const pages = Array.from({ length: 200 }, (_, i) => watched(`https://status${i}.example.com`, 'statuspage', `P${i}`))
    const items = splitSettings(encodeItem(SETTINGS, { version: 1, notifyOnRecovery: true, pages }))
    delete items['settings:1']
    const read = decodeItem(SETTINGS, joinSettings(items))
    expect(read.pages.length).toBeGreaterThan(0)
    expect(read.pages.length).toBeLessThan(200)
    expect(read.pages[0]).toEqual(pages[0])
  })

  it('repairs page by page: bad URLs and duplicates dropped, bad fields defaulted', () => {
    const read = decodeItem(SETTINGS, {
      version: 1,
      notifyOnRecovery: 0,
      pages: [
        { u: 'https://status.openai.com', p: 'incidentio', n: 'OpenAI', c: ['a', 3, 'b'], m: 'soon', f: 1 },
        { u: 'status.openai.com/api/v2/summary.json', p: 'statuspage' },
        { u: 'http://evil.example' },
        { u: 'https://example.com/status', p: 'myspace', n: 42, a: -1 },
        null,
      ],
    })
    expect(read.notifyOnRecovery).toBe(true)
    expect(read.pages).toEqual([
      { ...defaultSettings().pages[0], filters: { componentIds: ['a', 'b'], mutedUntil: null, mutedForever: true } },
      {
        key: 'example.com/status',
        url: 'https://example.com/status',
        platform: null,
        name: '',
        addedAt: 0,
        filters: { componentIds: null, mutedUntil: null, mutedForever: false },
      },
    ])
  })
})

describe('settings version 2: quiet hours', () => {
  it('migrates a version-1 value to quiet hours off, and keeps a valid window', () => {
    const v1 = decodeItem(SETTINGS, { version: 1, notifyOnRecovery: false, pages: [] })
    expect(v1).toEqual({ version: 2, notifyOnRecovery: false, quietHours: null, keepSevereOnScreen: false, pages: [] })
    const window = { enabled: true, start: '22:00', end: '07:30' }
    const v2 = decodeItem(SETTINGS, JSON.parse(JSON.stringify(encodeItem(SETTINGS, { ...v1, quietHours: window }))))
    expect(v2.quietHours).toEqual(window)
  })

  it('repairs a bad window to off', () => {
    for (const quietHours of [{ enabled: true, start: '25:00', end: '07:00' }, { enabled: true, start: '7:00', end: '08:00' }, 'always', null]) {
      expect(decodeItem(SETTINGS, { version: 2, pages: [], quietHours }).quietHours).toBeNull()
    }
  })
})

describe('history entries from before times were made sane', () => {
  it('an entry whose time no Date can hold is dropped on read (the popup could not show it)', () => {
    const good = { at: 1_744_131_600_000, kind: 'incident_opened', pageKey: 'p', title: 't', body: 'b', url: '', lines: 'l', impact: 'minor', name: 'n' }
    expect(decodeItem(HISTORY, { version: 1, entries: [{ ...good, at: 1e23 }, good] }).entries).toEqual([good])
  })
})
