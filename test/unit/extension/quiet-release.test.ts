import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext } from '../../../extension/background/context.ts'
import { heldEntry, isQuiet, quietSummary } from '../../../src/notify/quiet-hours.ts'
import { releaseQuietHours } from '../../../extension/background/quiet-release.ts'
import { decodeItem, encodeItem } from '../../../extension/storage/item.ts'
import { HELD, LINKS, MAX_LINKS, MAX_OUTBOX, OUTBOX, type HeldEntry, type LinkEntry, type OutboxEntry } from '../../../extension/storage/records.ts'
import type { QuietHours, Settings } from '../../../extension/storage/settings.ts'
import type { MonitorEvent } from '../../../src/events.ts'
import { resetBrowser, storeWholeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'


const at = (hh: number, mm: number): number => Date.UTC(2025, 3, 8, hh, mm) // TZ=UTC (vitest.config.ts)
const window = (start: string, end: string): QuietHours => ({ enabled: true, start, end })

const held = (pageKey: string, subject: string, kind: HeldEntry['kind'] = 'incident', pageName = pageKey): HeldEntry => ({
  id: `${pageKey}|${subject}`,
  pageKey,
  pageName,
  pageUrl: `https://${pageKey}/`,
  kind,
  // As heldEntry counts them: an incident or maintenance per page, a component change per event.
  subject: kind === 'component' ? subject : `${pageKey}|${subject}`,
})

describe('quiet hours: the window, at its edges', () => {
  it('a same-day window starts at its start minute, not before', () => {
    expect(isQuiet(window('09:00', '17:00'), at(8, 59))).toBe(false)
    expect(isQuiet(window('09:00', '17:00'), at(0, 0))).toBe(false)
    expect(isQuiet(window('09:00', '17:00'), at(16, 59))).toBe(true)
  })

  it('a window over midnight starts at its start minute, and not the minute before', () => {
    expect(isQuiet(window('22:00', '07:00'), at(22, 0))).toBe(true)
    expect(isQuiet(window('22:00', '07:00'), at(21, 59))).toBe(false)
    expect(isQuiet(window('22:00', '07:00'), at(12, 0))).toBe(false)
  })
})

describe('quiet hours: what is held and how it is summed up', () => {
  const page = { key: 'status.example.com', name: 'Example', url: 'https://status.example.com/' }

  it('a held maintenance counts its maintenance once, under its own kind', () => {
    const started = { kind: 'maintenance_started', key: 'm1:started', maintenance: { id: 'm1' } } as unknown as MonitorEvent
    expect(heldEntry(started, page)).toEqual({
      id: 'status.example.com|m1:started',
      pageKey: 'status.example.com',
      pageName: 'Example',
      pageUrl: 'https://status.example.com/',
      kind: 'maintenance',
      subject: 'status.example.com|m1',
    })
    const completed = { kind: 'maintenance_completed', key: 'm1:completed', maintenance: { id: 'm1' } } as unknown as MonitorEvent
    expect(quietSummary([heldEntry(started, page), heldEntry(completed, page)])?.body).toBe('While quiet: 1 maintenance on Example')
  })

  it('names four pages, then says how many more', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((k) => held(`${k}.example`, 'i1', 'incident', k.toUpperCase()))
    expect(quietSummary(five)?.body).toBe('While quiet: 5 incidents on A, B, C, D +1 more')
    const seven = [...five, held('f.example', 'i1', 'incident', 'F'), held('g.example', 'i1', 'incident', 'G')]
    expect(quietSummary(seven)?.body).toBe('While quiet: 7 incidents on A, B, C, D +3 more')
    expect(quietSummary(five.slice(0, 4))?.body).toBe('While quiet: 4 incidents on A, B, C, D')
  })

  it('different held events give different summary ids, even when their ids run together alike', () => {
    // A new quiet period's summary must not pass for a replay of an earlier one.
    const one = quietSummary([held('a.example', 'i1'), held('b.example', 'i1')])
    const other = quietSummary([held('a.example', 'i2'), held('b.example', 'i2')])
    expect(one?.id).not.toBe(other?.id)
    // "a|b" + "xz|y" and "a|bx" + "z|y" are the same characters in a row.
    expect(quietSummary([held('a', 'b'), held('xz', 'y')])?.id).not.toBe(quietSummary([held('a', 'bx'), held('z', 'y')])?.id)
  })
})

describe('releaseQuietHours: what quiet hours held becomes one notification', () => {
  let clock: Clock
  const context = (): ReturnType<typeof createContext> => createContext(testDeps(clock))
  const storeQuietHours = async (quietHours: QuietHours | null): Promise<void> => {
    const settings: Settings = { version: 2, notifyOnRecovery: true, quietHours, pages: [watched('https://a.example/', 'statuspage', 'A')] }
    await storeWholeSettings(settings)
  }
  const storeLocal = async (items: { held?: readonly HeldEntry[]; outbox?: readonly OutboxEntry[]; links?: readonly LinkEntry[] }): Promise<void> => {
    await fakeBrowser.storage.local.set({
      ...(items.held ? { [HELD.key]: encodeItem(HELD, { entries: items.held }) } : {}),
      ...(items.outbox ? { [OUTBOX.key]: encodeItem(OUTBOX, { entries: items.outbox }) } : {}),
      ...(items.links ? { [LINKS.key]: encodeItem(LINKS, { entries: items.links }) } : {}),
    })
  }
  const stored = async (): Promise<{ outbox: readonly OutboxEntry[]; links: readonly LinkEntry[]; held: unknown }> => {
    const local = await fakeBrowser.storage.local.get([OUTBOX.key, LINKS.key, HELD.key])
    return { outbox: decodeItem(OUTBOX, local[OUTBOX.key]).entries, links: decodeItem(LINKS, local[LINKS.key]).entries, held: local[HELD.key] }
  }
  const pending = (id: string): OutboxEntry => ({ id, pageKey: 'b.example', title: `t ${id}`, body: 'b', url: 'https://b.example/', priority: 2, attempts: 0 })
  const link = (id: string): LinkEntry => ({ id, url: 'https://b.example/incidents/1', pageUrl: 'https://b.example/' })

  beforeEach(() => {
    resetBrowser()
    clock = { now: at(8, 0) }
  })
  afterEach(() => vi.restoreAllMocks())

  it('a wake-up with nothing held reads no settings (most wake-ups hold nothing)', async () => {
    await storeQuietHours(window('22:00', '07:00'))
    const syncGet = vi.spyOn(fakeBrowser.storage.sync, 'get')
    await releaseQuietHours(context())
    expect(syncGet).not.toHaveBeenCalled()
    expect(await stored()).toEqual({ outbox: [], links: [], held: undefined })
  })

  it('after the window, the summary joins the notifications still owed and its click opens the first page', async () => {
    await storeQuietHours(window('22:00', '07:00'))
    const entries = [held('a.example', 'i1', 'incident', 'A'), held('c.example', 'c1', 'component', 'C')]
    await storeLocal({ held: entries, outbox: [pending('other')], links: [link('other')] })
    await releaseQuietHours(context())
    const summary = quietSummary(entries)
    if (summary === null) throw new Error('no summary')
    const after = await stored()
    expect(after.outbox).toEqual([pending('other'), { id: summary.id, pageKey: '', title: 'Quiet hours are over', body: 'While quiet: 1 incident, 1 component change on A, C', url: 'https://a.example/', priority: 1, attempts: 0 }])
    expect(after.links).toEqual([link('other'), { id: summary.id, url: 'https://a.example/', pageUrl: 'https://a.example/' }])
    expect(after.held).toBeUndefined()
  })

  it('a release replayed after the worker died half-way plans the summary once', async () => {
    await storeQuietHours(null)
    const entries = [held('a.example', 'i1')]
    const summary = quietSummary(entries)
    if (summary === null) throw new Error('no summary')
    // The first run wrote the summary, then died before removing what was held.
    await storeLocal({ held: entries, outbox: [pending('other')], links: [link('other')] })
    await releaseQuietHours(context())
    await storeLocal({ held: entries })
    await releaseQuietHours(context())
    const after = await stored()
    expect(after.outbox.map((n) => n.id)).toEqual(['other', summary.id])
    expect(after.links.map((l) => l.id)).toEqual(['other', summary.id])
  })

  it('a full outbox and a full list of links make room for the summary by dropping their oldest', async () => {
    await storeQuietHours(null)
    const entries = [held('a.example', 'i1')]
    const summary = quietSummary(entries)
    if (summary === null) throw new Error('no summary')
    const ids = Array.from({ length: Math.max(MAX_OUTBOX, MAX_LINKS) }, (_, i) => `n${i}`)
    await storeLocal({ held: entries, outbox: ids.slice(0, MAX_OUTBOX).map(pending), links: ids.slice(0, MAX_LINKS).map(link) })
    await releaseQuietHours(context())
    const after = await stored()
    expect(after.outbox).toHaveLength(MAX_OUTBOX)
    expect(after.outbox[0]?.id).toBe('n1')
    expect(after.outbox.at(-1)?.id).toBe(summary.id)
    expect(after.links).toHaveLength(MAX_LINKS)
    expect(after.links[0]?.id).toBe('n1')
    expect(after.links.at(-1)?.id).toBe(summary.id)
  })

  it('still quiet: everything stays held, nothing is planned', async () => {
    clock.now = at(23, 0)
    await storeQuietHours(window('22:00', '07:00'))
    await storeLocal({ held: [held('a.example', 'i1')] })
    await releaseQuietHours(context())
    const after = await stored()
    expect(after.outbox).toEqual([])
    expect(after.held).toBeDefined()
  })

  it('a held record with nothing readable in it plans nothing and does not fail', async () => {
    await storeQuietHours(null)
    await fakeBrowser.storage.local.set({ [HELD.key]: { version: 1, entries: [{ broken: true }] } })
    await releaseQuietHours(context())
    expect((await stored()).outbox).toEqual([])
  })
})
