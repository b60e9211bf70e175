import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext, type Context } from '../../../extension/background/context.ts'
import { commitPoll, deliverOutbox, MAX_ATTEMPTS, type Commit } from '../../../extension/background/outbox.ts'
import { decodeItem, encodeItem } from '../../../extension/storage/item.ts'
import {
  HELD,
  HISTORY,
  LINKS,
  MAX_HELD,
  MAX_HISTORY,
  MAX_LINKS,
  MAX_OUTBOX,
  OUTBOX,
  PAGE_RECORD,
  SCHEDULE,
  UNDELIVERED,
  pageStorageKey,
  type HeldEntry,
  type HistoryEntry,
  type LinkEntry,
  type OutboxEntry,
  type ScheduleEntry,
} from '../../../extension/storage/records.ts'
import { calls, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'


const page = watched('https://status.a.com', 'statuspage', 'A')
const other = watched('https://status.b.com', 'statuspage', 'B')

const note = (id: string, pageKey = page.key): OutboxEntry => ({ id, pageKey, title: `title ${id}`, body: 'body', url: `https://${pageKey}/${id}`, priority: 0, attempts: 0 })
const event = (n: number): HistoryEntry => ({ at: n, kind: 'incident_opened', pageKey: page.key, title: `event ${n}`, body: 'b', url: page.url, lines: '', impact: 'minor', name: `incident ${n}` })
const link = (id: string, url = `${page.url}${id}`): LinkEntry => ({ id, url, pageUrl: page.url })
const heldEntry = (id: string): HeldEntry => ({ id, pageKey: page.key, pageName: 'A', pageUrl: page.url, kind: 'incident', subject: id })
const record = decodeItem(PAGE_RECORD, null)
const scheduleEntry = (nextDueAt: number): ScheduleEntry => ({ lastCheckedAt: null, lastOkAt: null, nextDueAt, level: null, incidents: 0, error: null, calm: false, strikes: 0 })

function commit(fields: Partial<Commit> = {}): Commit {
  return { pageKey: page.key, record, notifications: [], history: [], links: [], ...fields }
}

async function stored<T>(spec: { key: string } & Parameters<typeof decodeItem<T>>[0]): Promise<T> {
  return decodeItem(spec, (await fakeBrowser.storage.local.get(spec.key))[spec.key])
}

async function rawEntries(key: string): Promise<unknown[]> {
  return ((await fakeBrowser.storage.local.get(key))[key] as { entries: unknown[] }).entries
}

let clock: Clock
let ctx: Context

beforeEach(async () => {
  resetBrowser()
  clock = { now: Date.UTC(2026, 7, 2, 12) }
  ctx = createContext(testDeps(clock))
  await storeSettings([page, other])
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('commitPoll', () => {
  it('a page removed while its visit was in flight leaves nothing behind', async () => {
    await commitPoll(ctx, commit({ pageKey: 'status.gone.com', notifications: [note('n1', 'status.gone.com')], history: [event(1)] }))
    expect(await fakeBrowser.storage.local.get(null)).toEqual({})
  })

  it('a poll that found nothing to say writes its record alone (no outbox, history, links or held)', async () => {
    calls.localSets.length = 0
    await commitPoll(ctx, commit())
    expect(calls.localSets.map((set) => Object.keys(set))).toEqual([[pageStorageKey(page.key)]])
  })

  it('notifications alone, history alone, held events alone: each is stored', async () => {
    await commitPoll(ctx, commit({ notifications: [note('n1')], links: [link('n1')] }))
    expect((await stored(OUTBOX)).entries.map((n) => n.id)).toEqual(['n1'])
    expect((await stored(LINKS)).entries.map((l) => l.id)).toEqual(['n1'])
    await commitPoll(ctx, commit({ history: [event(1)] }))
    expect((await stored(HISTORY)).entries.map((e) => e.at)).toEqual([1])
    await commitPoll(ctx, commit({ held: [heldEntry('h1')] }))
    expect((await stored(HELD)).entries.map((h) => h.id)).toEqual(['h1'])
    // Nothing lost along the way.
    expect((await stored(OUTBOX)).entries.map((n) => n.id)).toEqual(['n1'])
    expect((await stored(LINKS)).entries.map((l) => l.id)).toEqual(['n1'])
  })

  it('a re-planned notification replaces its pending entry and link; the others stay', async () => {
    await commitPoll(ctx, commit({ notifications: [note('n1'), note('n2')], links: [link('n1'), link('n2')] }))
    await commitPoll(ctx, commit({ notifications: [{ ...note('n1'), title: 'again' }], links: [link('n1', `${page.url}again`)] }))
    expect((await stored(OUTBOX)).entries.map((n) => [n.id, n.title])).toEqual([
      ['n2', 'title n2'],
      ['n1', 'again'],
    ])
    expect((await stored(LINKS)).entries).toEqual([link('n2'), link('n1', `${page.url}again`)])
  })

  it('a held event committed again (a poll re-run after a restart) is kept once', async () => {
    await commitPoll(ctx, commit({ held: [heldEntry('h1'), heldEntry('h2')] }))
    await commitPoll(ctx, commit({ held: [heldEntry('h1')] }))
    expect((await stored(HELD)).entries.map((h) => h.id)).toEqual(['h2', 'h1'])
  })

  it('full lists keep the newest: outbox, links and held drop their oldest, history its oldest (it is newest first)', async () => {
    await fakeBrowser.storage.local.set({
      [OUTBOX.key]: encodeItem(OUTBOX, { entries: Array.from({ length: MAX_OUTBOX }, (_, i) => note(`o${i}`)) }),
      [LINKS.key]: encodeItem(LINKS, { entries: Array.from({ length: MAX_LINKS }, (_, i) => link(`l${i}`)) }),
      [HISTORY.key]: encodeItem(HISTORY, { entries: Array.from({ length: MAX_HISTORY }, (_, i) => event(MAX_HISTORY - i)) }),
      [HELD.key]: encodeItem(HELD, { entries: Array.from({ length: MAX_HELD }, (_, i) => heldEntry(`h${i}`)) }),
    })
    await commitPoll(ctx, commit({ notifications: [note('new')], links: [link('new')], history: [event(1000)], held: [heldEntry('new')] }))
    const outbox = await rawEntries(OUTBOX.key)
    expect(outbox).toHaveLength(MAX_OUTBOX)
    const ids = (await stored(OUTBOX)).entries.map((n) => n.id)
    expect([ids[0], ids.at(-1)]).toEqual(['o1', 'new'])
    expect(await rawEntries(LINKS.key)).toHaveLength(MAX_LINKS)
    expect((await stored(LINKS)).entries.at(-1)?.id).toBe('new')
    expect((await stored(LINKS)).entries[0]?.id).toBe('l1')
    expect(await rawEntries(HISTORY.key)).toHaveLength(MAX_HISTORY)
    expect((await stored(HISTORY)).entries[0]?.at).toBe(1000)
    expect(await rawEntries(HELD.key)).toHaveLength(MAX_HELD)
    expect((await stored(HELD)).entries.at(-1)?.id).toBe('new')
    expect((await stored(HELD)).entries[0]?.id).toBe('h1')
  })

  it('a schedule entry written with the commit keeps the other pages’ entries', async () => {
    await fakeBrowser.storage.local.set({ [SCHEDULE.key]: encodeItem(SCHEDULE, { pages: { [other.key]: scheduleEntry(7) } }) })
    await commitPoll(ctx, commit({ scheduleEntry: scheduleEntry(9) }))
    const schedule = await stored(SCHEDULE)
    expect(Object.fromEntries(Object.entries(schedule.pages).map(([key, e]) => [key, e.nextDueAt]))).toEqual({ [other.key]: 7, [page.key]: 9 })
  })
})

describe('deliverOutbox', () => {
  it('shows nothing more for a page no longer watched; the quiet-hours summary (no page) is shown', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create')
    await fakeBrowser.storage.local.set({ [OUTBOX.key]: encodeItem(OUTBOX, { entries: [note('gone', 'status.gone.com'), note('summary', ''), note('n1')] }) })
    expect(await deliverOutbox(ctx)).toBe(2)
    expect(create.mock.calls.map(([id]) => id)).toEqual(['summary', 'n1'])
  })

  it('a notification call that hangs is given up on after the last attempt, and the popup is told why', async () => {
    vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation(() => new Promise(() => {}))
    await fakeBrowser.storage.local.set({ [OUTBOX.key]: encodeItem(OUTBOX, { entries: [note('n1')] }) })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const delivery = deliverOutbox(ctx)
      await vi.advanceTimersByTimeAsync(ctx.deps.notificationTimeoutMs)
      expect(await delivery).toBe(0)
    }
    vi.useRealTimers()
    expect((await stored(OUTBOX)).entries).toEqual([])
    const undelivered = decodeItem(UNDELIVERED, (await fakeBrowser.storage.session.get(UNDELIVERED.key))[UNDELIVERED.key])
    expect(undelivered).toMatchObject({ count: 1, reason: 'no answer within 0.2 s' })
  })

  it('leaves no timer running once a notification is shown', async () => {
    await fakeBrowser.storage.local.set({ [OUTBOX.key]: encodeItem(OUTBOX, { entries: [note('n1')] }) })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    expect(await deliverOutbox(ctx)).toBe(1)
    // Each notification's deadline would otherwise outlive it by the full timeout.
    expect(vi.getTimerCount()).toBe(0)
  })
})
