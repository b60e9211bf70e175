import type { ComponentChange, MonitorEvent, Notice } from '../events.ts'
import type { Occasion } from '../history/occasion.ts'
import { componentItems, listed, splitEvents } from './event-lists.ts'
import { NOTIFICATION_BODY_MAX, NOTIFICATION_TITLE_MAX, contextLink, displayPageName, eventText, incidentsTouching, noticeName, truncate, type EventText, type TextContext } from './event-text.ts'
import { catchUpSummary, firstSightSummary, type SummaryWords } from './occasion-summary.ts'

/**
 * The notifications for one poll of one page. Two or more component changes are one summary: one
 * outage flips many components at once. More than MAX_SEPARATE_NOTICES incidents/maintenances (a
 * first poll of a busy page, a backlog) are one summary too.
 * Ids derive from the page key and the event keys covered, so delivering the same outbox twice
 * after a worker restart replaces instead of duplicating.
 */

export interface CoalesceContext extends TextContext {
  /** Stable per watched page: the prefix of every notification id. */
  readonly pageKey: string
}

export interface PlannedNotification {
  readonly id: string
  readonly title: string
  readonly body: string
  readonly url: string
  readonly keys: string[]
}

export const MAX_SEPARATE_NOTICES = 4

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits: tiny, pure, stable across runs. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

function summaryId(pageKey: string, kind: string, keys: readonly string[]): string {
  return `${pageKey}|*${kind}:${keys.length}:${fnv1a([...keys].sort().join('\n'))}`
}

const listBody = (items: readonly string[]): string => truncate(listed(items, ', '), NOTIFICATION_BODY_MAX)

function single(event: MonitorEvent, context: CoalesceContext, textOf: WordsOf): PlannedNotification {
  const text = textOf(event)
  return { id: `${context.pageKey}|${event.key}`, title: text.title, body: text.body, url: text.url, keys: [event.key] }
}

function componentSummary(changes: readonly ComponentChange[], context: CoalesceContext): PlannedNotification {
  const allRecovered = changes.every((c) => c.to === 'operational')
  // The incident they belong to leads the title: "GitHub — Incident with Actions: 3 components changed".
  const incidents = [...new Set(changes.flatMap((c) => incidentsTouching(c.component, context.snapshot)))]
  const about = incidents.length === 0 ? '' : `${incidents[0]}${incidents.length > 1 ? ` +${incidents.length - 1}` : ''}: `
  return summary(changes, context, 'components', {
    title: truncate(`${displayPageName(context)} — ${about}${changes.length} components ${allRecovered ? 'recovered' : 'changed'}`, NOTIFICATION_TITLE_MAX),
    body: listBody(componentItems(changes)),
    url: contextLink(null, context),
  })
}

const NOTICE_WORDS: Readonly<Record<Notice['kind'], string>> = {
  incident_opened: 'New',
  incident_updated: 'Updated',
  incident_resolved: 'Resolved',
  maintenance_scheduled: 'Maintenance scheduled',
  maintenance_started: 'Maintenance started',
  maintenance_completed: 'Maintenance completed',
}

function noticeItem(event: Notice): string {
  const word = event.kind === 'incident_resolved' && event.update === null ? 'Ended' : NOTICE_WORDS[event.kind]
  return `${word}: ${noticeName(event)}`
}

function noticeSummary(events: readonly Notice[], context: CoalesceContext): PlannedNotification {
  return summary(events, context, 'notices', {
    title: truncate(`${displayPageName(context)} — ${events.length} incident and maintenance updates`, NOTIFICATION_TITLE_MAX),
    body: listBody(events.map(noticeItem)),
    url: contextLink(null, context),
  })
}

export type WordsOf = (event: MonitorEvent) => EventText

/**
 * The notifications for one poll, told as its occasion asks: a first look at a page with more
 * than one thing wrong, and any look after a gap, are one summary each (occasion-summary.ts).
 */
export function notificationsFor(
  events: readonly MonitorEvent[],
  context: CoalesceContext,
  occasion: Occasion,
  now: number,
  textOf: WordsOf = (event) => eventText(event, context),
): PlannedNotification[] {
  const unique = distinctByKey(events)
  if (occasion.kind === 'first_sight' && unique.length > 1) return [summary(unique, context, 'first', firstSightSummary(unique, context))]
  if (occasion.kind === 'catch_up' && unique.length > 0) return [summary(unique, context, 'away', catchUpSummary(unique, context, occasion, now))]
  return coalesce(unique, context, textOf)
}

function summary(events: readonly MonitorEvent[], context: CoalesceContext, kind: string, words: SummaryWords): PlannedNotification {
  const keys = events.map((e) => e.key)
  return { id: summaryId(context.pageKey, kind, keys), ...words, keys }
}

function distinctByKey(events: readonly MonitorEvent[]): MonitorEvent[] {
  const seen = new Set<string>()
  return events.filter((event) => !seen.has(event.key) && Boolean(seen.add(event.key)))
}

/** Incident and maintenance notifications first (in event order), then component changes. */
export function coalesce(
  events: readonly MonitorEvent[],
  context: CoalesceContext,
  textOf: WordsOf = (event) => eventText(event, context),
): PlannedNotification[] {
  // The same event twice (a re-delivered batch) is still one notification.
  const { notices, changes } = splitEvents(distinctByKey(events))
  const out: PlannedNotification[] = []
  if (notices.length > MAX_SEPARATE_NOTICES) out.push(noticeSummary(notices, context))
  else for (const event of notices) out.push(single(event, context, textOf))
  if (changes.length === 1 && changes[0]) out.push(single(changes[0], context, textOf))
  else if (changes.length > 1) out.push(componentSummary(changes, context))
  return out
}
