import { fakeBrowser } from '@webext-core/fake-browser'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext, type Context } from '../../../extension/background/context.ts'
import { createHandlers } from '../../../extension/background/handlers.ts'
import { wakeAndPoll } from '../../../extension/background/wake.ts'
import type { Handlers } from '../../../extension/messaging/dispatcher.ts'
import { encodeItem } from '../../../extension/storage/item.ts'
import { OUTBOX, SCHEDULE, type OutboxEntry } from '../../../extension/storage/records.ts'
import { MAX_PAGES, NO_FILTERS, pageKeyOf, type Settings, type WatchedPage } from '../../../extension/storage/settings.ts'
import { syncUsage } from '../../../extension/storage/sync-budget.ts'
import type { Platform } from '../../../src/model.ts'
import { AWS_EVENTS_URL } from '../../../src/providers/aws.ts'
import { calls, granted, permissions, resetBrowser, storeSettings, testDeps, watched, type Clock } from '../../support/background-harness.ts'
import { sampleText } from '../../support/samples.ts'

// The handlers are tested on their own: what a wake-up does is wake.ts's business, only what it is asked for matters here.
vi.mock('../../../extension/background/wake.ts', () => ({ wakeAndPoll: vi.fn(async () => 1) }))

const SUMMARY = sampleText('statuspage/codametrix-summary-2026-08-02.json')
const AWS = sampleText('aws/health-currentevents-2026-09-04.json')

/** Every status page answers as Statuspage (CodaMetrix), AWS Health as AWS; anything else is a 404. */
const fetchStatus = async (url: string): Promise<Response> => {
  if (url.endsWith('/api/v2/summary.json')) return new Response(SUMMARY, { headers: { 'content-type': 'application/json' } })
  if (url.startsWith(AWS_EVENTS_URL)) return new Response(AWS, { headers: { 'content-type': 'application/json' } })
  return new Response('not here', { status: 404 })
}

let clock: Clock
let ctx: Context
let handlers: Handlers
let fetched: string[]

function boot(detectionOrder?: () => readonly Platform[]): void {
  fetched = []
  const deps = testDeps(clock)
  // DetectDeps seam: detection reads ctx.deps, so a test can make a page turn out to be AWS.
  ctx = createContext({
    ...deps,
    fetch: (url) => {
      fetched.push(url)
      return fetchStatus(url)
    },
    ...(detectionOrder === undefined ? {} : { detectionOrder }),
  })
  handlers = createHandlers(ctx)
}

beforeEach(() => {
  resetBrowser()
  clock = { now: Date.UTC(2026, 7, 2, 12) }
  boot()
})

async function storedSettingsRecord(): Promise<{ pages: { u: string }[] }> {
  return (await fakeBrowser.storage.sync.get('settings')).settings as { pages: { u: string }[] }
}

function outboxEntry(pageKey: string, id: string): OutboxEntry {
  return { id, pageKey, title: 't', body: 'b', url: `https://${pageKey}/`, priority: 0, attempts: 0 }
}

/** `count` pages, each on its own host. */
function manyPages(count: number, name = ''): WatchedPage[] {
  return Array.from({ length: count }, (_, i) => watched(`https://s${i}.example.com`, 'statuspage', name))
}

/**
 * Watched pages that leave exactly room for one more page named `fitting` (and not one byte
 * more in the name), so a test can tell which name the budget check counted.
 */
const roomLeft = new Map<string, WatchedPage[]>()
function pagesLeavingRoomFor(url: string, fitting: string): WatchedPage[] {
  const known = roomLeft.get(`${url} ${fitting}`)
  if (known !== undefined) return known
  const base = new URL(url)
  const extra: WatchedPage = { key: pageKeyOf(base), url: base.href, platform: null, name: fitting, addedAt: clock.now, filters: NO_FILTERS }
  const settingsOf = (pages: WatchedPage[]): Settings => ({ version: 1, pages, notifyOnRecovery: true })
  const fits = (pages: WatchedPage[]): boolean => syncUsage(settingsOf([...pages, extra])).fits
  const full = (i: number): WatchedPage => watched(`https://f${i}.example.com`, 'statuspage', 'n'.repeat(100))
  const pad = (length: number): WatchedPage => watched('https://pad.example.com', 'statuspage', 'p'.repeat(length))
  // The most full pages that fit, then one page whose name takes the last bytes (binary searches: syncUsage is not cheap).
  const largest = (low: number, high: number, ok: (n: number) => boolean): number => {
    while (low < high) {
      const mid = Math.ceil((low + high) / 2)
      if (ok(mid)) low = mid
      else high = mid - 1
    }
    return low
  }
  const count = largest(0, MAX_PAGES - 2, (n) => fits([...Array.from({ length: n }, (_, i) => full(i)), pad(0)]))
  const filled = Array.from({ length: count }, (_, i) => full(i))
  const length = largest(0, 100, (n) => fits([...filled, pad(n)]))
  const pages = [...filled, pad(length)]
  if (length === 100 || fits([...filled, pad(length + 1)])) throw new Error('could not fill the budget exactly')
  roomLeft.set(`${url} ${fitting}`, pages)
  return pages
}

describe('checkNow', () => {
  it('checks only the page named, in one cycle whose answer the popup waits for', async () => {
    const a = watched('https://status.a.com', 'statuspage', 'A')
    await storeSettings([a, watched('https://status.b.com', 'statuspage', 'B')])
    expect(await handlers.checkNow({ type: 'checkNow', pageKey: a.key })).toEqual({ ok: true, polled: 1 })
    expect(vi.mocked(wakeAndPoll)).toHaveBeenLastCalledWith(ctx, { force: [a.key], keepAlive: false })
    expect(await handlers.checkNow({ type: 'checkNow' })).toEqual({ ok: true, polled: 1 })
    expect(vi.mocked(wakeAndPoll)).toHaveBeenLastCalledWith(ctx, { force: 'all', keepAlive: false })
  })

  it('names the page it does not know', async () => {
    expect(await handlers.checkNow({ type: 'checkNow', pageKey: 'status.nope.com' })).toEqual({ ok: false, error: 'not_found', message: 'No watched page status.nope.com.' })
  })
})

describe('addPage', () => {
  it(`refuses the page after the ${MAX_PAGES}th in words, before any permission prompt`, async () => {
    await storeSettings(manyPages(MAX_PAGES))
    expect(await handlers.addPage({ type: 'addPage', url: 'https://status.one-more.com' })).toEqual({ ok: false, error: 'limit', message: `At most ${MAX_PAGES} pages can be watched.` })
    expect(fetched).toEqual([])
  })

  it('refuses a page that would not fit in browser sync before asking for its permission', async () => {
    await storeSettings(pagesLeavingRoomFor('https://x.io', 'x.io'))
    const reply = await handlers.addPage({ type: 'addPage', url: 'https://status.acme.com', name: 'n'.repeat(100) })
    expect(reply).toMatchObject({ ok: false, error: 'limit', message: expect.stringContaining('browser sync') })
    expect(permissions.contains).not.toHaveBeenCalled()
    expect(fetched).toEqual([])
  })

  it('counts the name the page will be saved with: the host when none is given, a given name trimmed', async () => {
    // Room for x.io named "x.io" and not a byte more: the page fits, so the next step (its permission) is reached.
    await storeSettings(pagesLeavingRoomFor('https://x.io', 'x.io'))
    expect(await handlers.addPage({ type: 'addPage', url: 'https://x.io' })).toMatchObject({ ok: false, error: 'permission' })
    expect(await handlers.addPage({ type: 'addPage', url: 'https://x.io', name: '   ' })).toMatchObject({ ok: false, error: 'permission' })
    expect(await handlers.addPage({ type: 'addPage', url: 'https://x.io', name: ` x.io${' '.repeat(90)}` })).toMatchObject({ ok: false, error: 'permission' })
    // A real name one byte longer than the room left does not fit.
    expect(await handlers.addPage({ type: 'addPage', url: 'https://x.io', name: 'x.iox' })).toMatchObject({ ok: false, error: 'limit' })
  })

  it('asks for the permission before a single request reaches the site', async () => {
    const reply = await handlers.addPage({ type: 'addPage', url: 'https://status.acme.com' })
    expect(reply).toEqual({ ok: false, error: 'permission', origins: ['https://status.acme.com/*'], message: 'Permission to read status.acme.com is needed.' })
    expect(fetched).toEqual([])
  })

  it('a page found to read another host (AWS) asks for that host too, and is not added until it is granted', async () => {
    boot(() => ['aws'])
    await storeSettings([])
    granted.add('https://status.acme.com/*')
    const reply = await handlers.addPage({ type: 'addPage', url: 'https://status.acme.com' })
    expect(reply).toEqual({
      ok: false,
      error: 'permission',
      origins: ['https://status.acme.com/*', 'https://health.aws.amazon.com/*'],
      message: 'Permission to read status.acme.com and health.aws.amazon.com is needed.',
    })
    expect((await storedSettingsRecord()).pages).toEqual([])
  })

  it('stores the page with its given name trimmed, or the name the page gives itself', async () => {
    await storeSettings([])
    granted.add('https://status.acme.com/*')
    granted.add('https://status.other.com/*')
    const named = await handlers.addPage({ type: 'addPage', url: 'https://status.acme.com', name: '  Billing  ' })
    expect(named).toMatchObject({ ok: true, page: { key: 'status.acme.com', platform: 'statuspage', name: 'Billing', addedAt: clock.now } })
    const unnamed = await handlers.addPage({ type: 'addPage', url: 'https://status.other.com', name: '   ' })
    expect(unnamed).toMatchObject({ ok: true, page: { key: 'status.other.com', name: 'CodaMetrix' } })
    expect((await storedSettingsRecord()).pages.map((p) => p.u)).toEqual(['https://status.acme.com/', 'https://status.other.com/'])
  })

  it('the same page added twice at once is stored once', async () => {
    await storeSettings([])
    granted.add('https://status.acme.com/*')
    const replies = await Promise.all([handlers.addPage({ type: 'addPage', url: 'https://status.acme.com' }), handlers.addPage({ type: 'addPage', url: 'https://status.acme.com' })])
    expect(replies.map((r) => r.ok)).toEqual([true, true])
    expect((await storedSettingsRecord()).pages.map((p) => p.u)).toEqual(['https://status.acme.com/'])
  })
})

describe('removePage', () => {
  const gone = watched('https://status.gone.com', 'statuspage', 'Gone')
  const kept = watched('https://status.kept.com', 'statuspage', 'Kept')

  it('drops the page’s schedule and owed notifications, and only those', async () => {
    await storeSettings([gone, kept])
    await fakeBrowser.storage.local.set({
      // Stored loosely: the reader repairs each entry to a full one.
      [SCHEDULE.key]: { version: SCHEDULE.version, pages: { [gone.key]: { nextDueAt: 1 }, [kept.key]: { nextDueAt: 2 } } },
      [OUTBOX.key]: encodeItem(OUTBOX, { entries: [outboxEntry(gone.key, 'g1'), outboxEntry(kept.key, 'k1'), outboxEntry(gone.key, 'g2')] }),
      [`page:${gone.key}`]: { x: 1 },
    })
    expect(await handlers.removePage({ type: 'removePage', pageKey: gone.key })).toMatchObject({ ok: true, removed: { key: gone.key } })
    const local = await fakeBrowser.storage.local.get(null)
    expect(Object.keys((local[SCHEDULE.key] as { pages: object }).pages)).toEqual([kept.key])
    expect((local[OUTBOX.key] as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual(['k1'])
    expect(local).not.toHaveProperty(`page:${gone.key}`)
  })

  it('leaves the outbox alone when it owes nothing for the page', async () => {
    await storeSettings([gone, kept])
    await fakeBrowser.storage.local.set({ [OUTBOX.key]: encodeItem(OUTBOX, { entries: [outboxEntry(kept.key, 'k1')] }) })
    calls.localSets.length = 0
    await handlers.removePage({ type: 'removePage', pageKey: gone.key })
    expect(calls.localSets.flatMap((set) => Object.keys(set))).not.toContain(OUTBOX.key)
    expect(((await fakeBrowser.storage.local.get(OUTBOX.key))[OUTBOX.key] as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual(['k1'])
  })

  it('an unknown page is not found, named, and the watched pages stay', async () => {
    await storeSettings([gone, kept])
    expect(await handlers.removePage({ type: 'removePage', pageKey: 'status.nope.com' })).toEqual({ ok: false, error: 'not_found', message: 'No watched page status.nope.com.' })
    expect((await storedSettingsRecord()).pages.map((p) => p.u)).toEqual([gone.url, kept.url])
  })

  it('gives back the host of the page removed', async () => {
    granted.add('https://status.gone.com/*')
    await storeSettings([gone, kept])
    await handlers.removePage({ type: 'removePage', pageKey: gone.key })
    expect(granted.has('https://status.gone.com/*')).toBe(false)
  })
})

describe('updateFilters', () => {
  const a = watched('https://status.a.com', 'statuspage', 'A', { componentIds: ['c1'], mutedUntil: 500, mutedForever: false })
  const b = watched('https://status.b.com', 'statuspage', 'B')

  it('changes the page named and no other, keeping the filters not mentioned', async () => {
    await storeSettings([a, b])
    const reply = await handlers.updateFilters({ type: 'updateFilters', pageKey: a.key, filters: { mutedForever: true } })
    if (!reply.ok) throw new Error(reply.message)
    expect(reply.settings).toEqual({ version: 2, notifyOnRecovery: true, quietHours: null, keepSevereOnScreen: false, pages: [{ ...a, filters: { componentIds: ['c1'], mutedUntil: 500, mutedForever: true } }, b] })
  })

  it('null components means every component again, null mute time unmutes', async () => {
    await storeSettings([a])
    const reply = await handlers.updateFilters({ type: 'updateFilters', pageKey: a.key, filters: { componentIds: null, mutedUntil: null } })
    expect(reply.ok && reply.settings.pages[0]?.filters).toEqual({ componentIds: null, mutedUntil: null, mutedForever: false })
  })

  it('a page not watched is not found, by name', async () => {
    await storeSettings([a])
    expect(await handlers.updateFilters({ type: 'updateFilters', pageKey: 'status.nope.com', filters: { mutedForever: true } })).toEqual({ ok: false, error: 'not_found', message: 'No watched page status.nope.com.' })
  })
})

describe('settings already over the sync budget (written by another device or build)', () => {
  // A change that changes nothing must not be refused for a size it does not add to.
  it('answers a change to nothing, and a page not found, as it would for any settings', async () => {
    const pages = manyPages(700, 'n'.repeat(100))
    expect(syncUsage({ version: 1, pages, notifyOnRecovery: true }).fits).toBe(false)
    const first = pages[0]
    if (first === undefined) throw new Error('no page')
    await storeSettings(pages)
    expect(await handlers.removePage({ type: 'removePage', pageKey: 'status.nope.com' })).toMatchObject({ ok: false, error: 'not_found' })
    expect(await handlers.updateFilters({ type: 'updateFilters', pageKey: first.key, filters: { mutedForever: false } })).toMatchObject({ ok: true })
    expect(await handlers.updateFilters({ type: 'updateFilters', notifyOnRecovery: true })).toMatchObject({ ok: true })
  })
})
