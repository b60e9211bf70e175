import { browser } from '../platform/browser.ts'
import { decodeItem } from '../storage/item.ts'
import { HELD, HISTORY, LINKS, MAX_HELD, MAX_HISTORY, MAX_LINKS, MAX_OUTBOX, OUTBOX, PAGE_RECORD, SCHEDULE, pageStorageKey, type HeldEntry, type HistoryEntry, type LinkEntry, type OutboxEntry, type PageRecord, type ScheduleEntry } from '../storage/records.ts'
import { setLocalMakingRoom } from '../storage/room.ts'
import { entry, getLocal, readLocal, readSettings, setLocal } from '../storage/store.ts'
import type { Context } from './context.ts'
import { noteDelivery } from './delivery.ts'
import { notificationOptions } from './notification-options.ts'
import { describeError } from './page-failure.ts'
import { notificationsHaveActions } from '../platform/notification-features.ts'

/**
 * Exactly-once delivery (see docs/background.md):
 *
 *   1. commitPoll: the page's new durable state, its outbox, history, links and held events go
 *      to storage in ONE `set`. Before it, nothing happened: a new worker polls again from the
 *      old state and gets the same events with the same keys. After it, they are owed.
 *   2. deliverOutbox: each entry is shown under its deterministic id, then the shown entries
 *      leave the outbox. Dying between the two shows them again under the same ids, which
 *      replaces rather than duplicates.
 */

export const MAX_ATTEMPTS = 3

export interface Commit {
  readonly pageKey: string
  readonly record: PageRecord
  readonly notifications: readonly OutboxEntry[]
  readonly history: readonly HistoryEntry[]
  readonly links: readonly LinkEntry[]
  readonly held?: readonly HeldEntry[]
  /**
   * Written with the rest when a calm page (listed from the schedule alone) no longer is, so the
   * popup never shows a calm row next to this page's notification.
   */
  readonly scheduleEntry?: ScheduleEntry
}

export async function commitPoll(ctx: Context, commit: Commit): Promise<void> {
  await ctx.storageLock(async () => {
    // Removed while its visit was in flight (here, or on another device through sync): its news
    // is no longer wanted, and its record would be an orphan.
    if (!(await readSettings()).pages.some((page) => page.key === commit.pageKey)) return
    const items = entry(PAGE_RECORD, commit.record, pageStorageKey(commit.pageKey))
    if (commit.scheduleEntry !== undefined) {
      const schedule = decodeItem(SCHEDULE, (await getLocal([SCHEDULE.key]))[SCHEDULE.key])
      Object.assign(items, entry(SCHEDULE, { pages: { ...schedule.pages, [commit.pageKey]: commit.scheduleEntry } }))
    }
    const held = commit.held ?? []
    if (commit.notifications.length > 0 || commit.history.length > 0 || held.length > 0) {
      const stored = await getLocal([OUTBOX.key, HISTORY.key, LINKS.key, ...(held.length > 0 ? [HELD.key] : [])])
      const outbox = decodeItem(OUTBOX, stored[OUTBOX.key]).entries
      const history = decodeItem(HISTORY, stored[HISTORY.key]).entries
      const links = decodeItem(LINKS, stored[LINKS.key]).entries
      const ids = new Set(commit.notifications.map((n) => n.id))
      Object.assign(
        items,
        // A re-planned id replaces its pending entry: same events, same notification.
        entry(OUTBOX, { entries: [...outbox.filter((n) => !ids.has(n.id)), ...commit.notifications].slice(-MAX_OUTBOX) }),
        // By time, newest first: a catch-up's or a new page's past events go where they happened.
        entry(HISTORY, { entries: [...commit.history, ...history].sort((a, b) => b.at - a.at).slice(0, MAX_HISTORY) }),
        entry(LINKS, { entries: [...links.filter((l) => !ids.has(l.id)), ...commit.links].slice(-MAX_LINKS) }),
      )
      if (held.length > 0) {
        // A poll re-run after a worker restart holds the same events under the same ids: kept once.
        const heldIds = new Set(held.map((h) => h.id))
        const before = decodeItem(HELD, stored[HELD.key]).entries.filter((h) => !heldIds.has(h.id))
        Object.assign(items, entry(HELD, { entries: [...before, ...held].slice(-MAX_HELD) }))
      }
    }
    await setLocalMakingRoom(items)
    ctx.deps.checkpoint(`committed:${commit.pageKey}`)
  })
}

export async function deliverOutbox(ctx: Context): Promise<number> {
  return ctx.storageLock(async () => {
    const { entries } = await readLocal(OUTBOX)
    if (entries.length === 0) return 0
    // A page removed since says nothing more; the quiet-hours summary belongs to no page ('').
    const settings = await readSettings()
    const watched = new Map(settings.pages.map((page) => [page.key, page]))
    const iconUrl = browser.runtime.getURL('icon-128.png')
    const actions = notificationsHaveActions()
    const keepSevereOnScreen = settings.keepSevereOnScreen === true
    const kept: OutboxEntry[] = []
    let shown = 0
    const dropped: string[] = []
    for (const item of entries) {
      if (item.pageKey !== '' && !watched.has(item.pageKey)) continue
      try {
        // A call that never settles must not hold the storage lock (and so every commit) forever.
        const options = notificationOptions(item, { iconUrl, page: watched.get(item.pageKey), actions, keepSevereOnScreen })
        await withinMs(browser.notifications.create(item.id, options), ctx.deps.notificationTimeoutMs)
        shown++
      } catch (error) {
        // Refused or hung: retried at the next wake-ups, then dropped (the event is in the history).
        if (item.attempts + 1 < MAX_ATTEMPTS) kept.push({ ...item, attempts: item.attempts + 1 })
        else dropped.push(describeError(error))
      }
      ctx.deps.checkpoint(`shown:${item.id}`)
    }
    await setLocal(entry(OUTBOX, { entries: kept }))
    ctx.deps.checkpoint('outbox-cleared')
    await noteDelivery(shown, dropped, ctx.deps.now())
    return shown
  })
}

function withinMs<T>(task: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)))
  return Promise.race([task, late]).finally(() => clearTimeout(timer))
}
