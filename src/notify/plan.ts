import type { MonitorEvent, MonitorEventKind } from '../events.ts'
import { alertLevel, type Impact, type Level, type Snapshot } from '../model.ts'
import type { Occasion } from '../history/occasion.ts'
import { notificationsFor, type CoalesceContext } from '../text/coalesce.ts'
import { blockOf, blockWithin } from '../text/console-line.ts'
import { displayPageName, eventSubject, eventText, type EventText } from '../text/event-text.ts'
import { eventTime } from '../text/event-time.ts'
import { notifiableEvents, type NotifyFilters } from './filters.ts'
import { heldEntry, isQuiet, type HeldEntry, type QuietHours } from './quiet-hours.ts'

/**
 * What one poll means for the user, stored with the poll in one write. Each event is worded once
 * (eventText): its notification, history entry and console block read the same words.
 */

export interface OutboxEntry {
  /** Deterministic (coalesce): showing it twice replaces, never duplicates. */
  readonly id: string
  readonly pageKey: string
  readonly title: string
  readonly body: string
  readonly url: string
  readonly priority: 0 | 1 | 2
  /** Failed attempts to show it; dropped after MAX_ATTEMPTS so a broken entry cannot loop. */
  readonly attempts: number
}

export interface HistoryEntry {
  readonly at: number
  readonly kind: MonitorEventKind
  readonly pageKey: string
  readonly title: string
  readonly body: string
  readonly url: string
  readonly lines: string
  /** How bad the event says things are: the popup's 7-day strip colours days by the worst. */
  readonly impact: Impact
  /** The incident, maintenance or component it is about, for the strip's labels. */
  readonly name: string
}

export interface LinkEntry {
  readonly id: string
  readonly url: string
  /** The watched page's URL when the notification was planned: the trust anchor of `url`. */
  readonly pageUrl: string
}

/** A history entry's console block is cut to this on write (the console itself prints it whole). */
export const HISTORY_LINES_MAX = 2_000

export interface NotifyInput {
  readonly page: { readonly key: string; readonly name: string; readonly url: string; readonly filters: NotifyFilters }
  readonly events: readonly MonitorEvent[]
  readonly snapshot: Snapshot | null
  readonly notifyOnRecovery: boolean
  readonly quietHours: QuietHours | null
  readonly now: number
  /** How the poll's events are told (history/occasion.ts); an ordinary poll when absent. */
  readonly occasion?: Occasion
  /** Past events for the history only: nobody is notified of them. */
  readonly backfill?: readonly MonitorEvent[]
}

export interface NotifyPlan {
  readonly notifications: OutboxEntry[]
  readonly held: HeldEntry[]
  /** Newest first, like the stored history: the last event of the poll on top. */
  readonly history: HistoryEntry[]
  readonly links: LinkEntry[]
}

export function planNotifications(input: NotifyInput): NotifyPlan {
  const { page, events, snapshot, now } = input
  const context: CoalesceContext = { pageKey: page.key, pageName: page.name, pageUrl: page.url, snapshot }
  const textOf = wordsOnce((event) => eventText(event, context))
  const notifiable = notifiableEvents(events, page.filters, input.notifyOnRecovery, now, snapshot)
  const quiet = notifiable.length > 0 && isQuiet(input.quietHours, now)
  const planned = quiet ? [] : notificationsFor(notifiable, context, input.occasion ?? { kind: 'poll' }, now, textOf)
  const priority = priorityOf(snapshot === null ? 'operational' : alertLevel(snapshot))
  const pageName = displayPageName(context)
  return {
    notifications: planned.map((n) => ({ id: n.id, pageKey: page.key, title: n.title, body: n.body, url: n.url, priority, attempts: 0 })),
    held: quiet ? notifiable.map((event) => heldEntry(event, { key: page.key, name: pageName, url: page.url })) : [],
    // Each at its own time (a catch-up's and a backfill's are hours apart), newest first.
    history: [...(input.backfill ?? []), ...events]
      .map((event) => historyEntry(event, textOf(event), page.key, now))
      .reverse()
      .sort((a, b) => b.at - a.at),
    links: planned.map((n) => ({ id: n.id, url: n.url, pageUrl: page.url })),
  }
}

function wordsOnce(words: (event: MonitorEvent) => EventText): (event: MonitorEvent) => EventText {
  const known = new Map<MonitorEvent, EventText>()
  return (event) => {
    let text = known.get(event)
    if (text === undefined) {
      text = words(event)
      known.set(event, text)
    }
    return text
  }
}

export function priorityOf(level: Level): 0 | 1 | 2 {
  return level === 'major' || level === 'critical' ? 2 : level === 'minor' ? 1 : 0
}

function historyEntry(event: MonitorEvent, text: EventText, pageKey: string, now: number): HistoryEntry {
  const at = eventTime(event, now)
  const { impact, name } = eventSubject(event)
  return { at, kind: event.kind, pageKey, title: text.title, body: text.body, url: text.url, lines: blockWithin(blockOf(text, at), HISTORY_LINES_MAX), impact, name }
}
