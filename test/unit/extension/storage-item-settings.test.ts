import { describe, expect, it } from 'vitest'
import { boundedList, decodeItem, defineItem, encodeItem, finiteOrNull, stringOr } from '../../../extension/storage/item.ts'
import { defaultSettings, isTimeOfDay, MAX_PAGES, NO_FILTERS, repairPage, repairQuietHours, SETTINGS, type Settings, type WatchedPage } from '../../../extension/storage/settings.ts'

describe('a stored value’s version', () => {
  // v1 stored `title`; v2 renamed it `name`. Reading the v1 form proves the migration ran.
  const item = defineItem<{ name: string }>({
    area: 'local',
    key: 'thing',
    version: 2,
    fallback: () => ({ name: 'fallback' }),
    migrations: [({ title, ...rest }) => ({ ...rest, name: title })],
    repair: (value) => ({ name: typeof value.name === 'string' ? value.name : 'unnamed' }),
  })

  it('a value without a readable version counts as the first and is migrated from there', () => {
    // The hugely negative one must not walk 2^53 empty migration steps (the worker would hang).
    for (const version of [undefined, 0, -3, 1.5, '2', null, -Number.MAX_SAFE_INTEGER]) expect(decodeItem(item, { version, title: 'old' })).toEqual({ name: 'old' })
  })

  it('a value already at the item’s version is not migrated again', () => {
    // A migration declared ahead of its version bump must not touch values of the current version.
    const ahead = defineItem({ ...item, version: 1, migrations: [() => ({ name: 'migrated' })] })
    expect(decodeItem(ahead, { version: 1, name: 'current' })).toEqual({ name: 'current' })
  })

  it('a version step without a migration keeps the value as it was (it is not thrown away)', () => {
    const noMigration = defineItem({ ...item, migrations: [] })
    expect(decodeItem(noMigration, { version: 1, name: 'kept' })).toEqual({ name: 'kept' })
  })
})

describe('readers for repair functions', () => {
  it('finiteOrNull keeps zero and positive finite numbers only', () => {
    expect(finiteOrNull(0)).toBe(0)
    expect(finiteOrNull(12.5)).toBe(12.5)
    for (const bad of [-1, Number.POSITIVE_INFINITY, Number.NaN, '5', null, undefined]) expect(finiteOrNull(bad)).toBeNull()
  })

  it('stringOr cuts a string to its maximum and replaces anything else', () => {
    expect(stringOr('abcdef', 'x', 3)).toBe('abc')
    expect(stringOr('a'.repeat(3000), 'x')).toHaveLength(2000)
    expect(stringOr(5, 'x')).toBe('x')
  })

  it('boundedList keeps at most `max` items and reads a non-list as empty', () => {
    expect(boundedList([1, 2, 3], 2)).toEqual([1, 2])
    expect(boundedList('abc', 2)).toEqual([])
    expect(boundedList({ 0: 'a', length: 1 }, 2)).toEqual([])
  })
})

describe('settings pages', () => {
  const page = (fields: Record<string, unknown>): WatchedPage | null => repairPage({ u: 'https://status.example.com', ...fields })

  it('a new page notifies about everything and is not muted', () => {
    expect(defaultSettings().pages[0]?.filters).toEqual({ componentIds: null, mutedUntil: null, mutedForever: false })
  })

  it('a page with all defaults is stored as its URL and platform alone (sync allows 8 KB per item)', () => {
    const bare: WatchedPage = { key: 'status.example.com', url: 'https://status.example.com/', platform: null, name: '', addedAt: 0, filters: NO_FILTERS }
    const settings: Settings = { version: 2, notifyOnRecovery: true, quietHours: null, pages: [bare, { ...bare, platform: 'statuspage' }] }
    expect(encodeItem(SETTINGS, settings).pages).toEqual([{ u: 'https://status.example.com/' }, { u: 'https://status.example.com/', p: 'statuspage' }])
  })

  it('a page whose URL is not a string is dropped, and the other pages are kept', () => {
    const read = decodeItem(SETTINGS, { version: 2, pages: [{ u: 5 }, { u: null }, { u: 'https://status.example.com' }] })
    expect(read.pages.map((p) => p.url)).toEqual(['https://status.example.com/'])
  })

  it('a component filter is cut to 500 ids', () => {
    const ids = Array.from({ length: 600 }, (_, i) => `c${i}`)
    expect(page({ c: ids })?.filters.componentIds).toEqual(ids.slice(0, 500))
  })

  it('a mute end that is not a finite number means not muted', () => {
    expect(page({ m: 5000 })?.filters.mutedUntil).toBe(5000)
    for (const m of [Number.POSITIVE_INFINITY, Number.NaN, '5000']) expect(page({ m })?.filters.mutedUntil).toBeNull()
  })

  it('muted forever is stored as 1 (or true from older builds); anything else is not muted', () => {
    expect([1, true, false, 0, 'yes', undefined].map((f) => page({ f })?.filters.mutedForever)).toEqual([true, true, false, false, false, false])
  })

  it('at most MAX_PAGES pages are read', () => {
    const pages = Array.from({ length: MAX_PAGES + 5 }, (_, i) => ({ u: `https://s${i}.example.com` }))
    expect(decodeItem(SETTINGS, { version: 2, pages }).pages).toHaveLength(MAX_PAGES)
  })
})

describe('keeping major and critical notifications on screen', () => {
  it('is off by default and for anything stored but true; left out of the stored form while off', () => {
    expect(defaultSettings().keepSevereOnScreen).toBe(false)
    expect([true, 'true', 1, null, undefined, {}].map((keepSevereOnScreen) => decodeItem(SETTINGS, { version: 2, pages: [], keepSevereOnScreen }).keepSevereOnScreen)).toEqual([true, false, false, false, false, false])
    const off: Settings = { ...defaultSettings(), keepSevereOnScreen: false }
    expect(Object.keys(encodeItem(SETTINGS, off))).not.toContain('keepSevereOnScreen')
    expect(decodeItem(SETTINGS, encodeItem(SETTINGS, { ...off, keepSevereOnScreen: true })).keepSevereOnScreen).toBe(true)
  })
})

describe('quiet hours', () => {
  it('a time of day is exactly HH:MM on a 24-hour clock', () => {
    expect(['00:00', '09:30', '23:59'].map(isTimeOfDay)).toEqual([true, true, true])
    expect(['24:00', '9:30', 'x09:30', '09:300', '09:30 ', ['09:30'], 930].map(isTimeOfDay)).toEqual([false, false, false, false, false, false, false])
  })

  it('a stored window keeps whether it is switched on', () => {
    expect(repairQuietHours({ enabled: false, start: '22:00', end: '07:00' })).toEqual({ enabled: false, start: '22:00', end: '07:00' })
    expect(repairQuietHours({ enabled: true, start: '22:00', end: '07:00' })).toEqual({ enabled: true, start: '22:00', end: '07:00' })
    expect(repairQuietHours({ enabled: 'yes', start: '22:00', end: '07:00' })?.enabled).toBe(false)
  })
})
