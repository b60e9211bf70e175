import { isClosedStatus, type Incident } from '../model.ts'
import type { MonitorEvent, Notice } from '../events.ts'
import { componentItems, listed, splitEvents } from './event-lists.ts'
import { NOTIFICATION_BODY_MAX, NOTIFICATION_TITLE_MAX, UPDATE_STATUS_WORDS, contextLink, displayPageName, formatLocalTime, noticeName, truncate, type TextContext } from './event-text.ts'

/**
 * One notification for a whole poll that is not an ordinary next look:
 *
 *   first sight   "OpenAI — 1 incident ongoing; 22 components affected"
 *                 "New users may experience delays… · Video generation: Degraded performance, …"
 *   catch-up      "GitHub — While you were away (6 h)" (or "While it was unreachable (1 h)")
 *                 "Incident with GitHub Actions — 09:12–10:40, resolved; …"
 *
 * Items are per incident, maintenance and component, in the event's order, worst components first.
 */

export interface SummaryWords {
  readonly title: string
  readonly body: string
  readonly url: string
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

export function firstSightSummary(events: readonly MonitorEvent[], context: TextContext): SummaryWords {
  const { notices, changes } = splitEvents(events)
  const incidents = notices.filter((e) => e.kind === 'incident_opened')
  const working = notices.filter((e) => e.kind === 'maintenance_started')
  const planned = notices.filter((e) => e.kind === 'maintenance_scheduled')
  const affected = changes.filter((c) => c.to !== 'operational')
  const counts = [
    ...(incidents.length > 0 ? [`${plural(incidents.length, 'incident', 'incidents')} ongoing`] : []),
    ...(working.length > 0 ? [`${plural(working.length, 'maintenance', 'maintenances')} in progress`] : []),
    ...(planned.length > 0 ? [`${plural(planned.length, 'maintenance', 'maintenances')} scheduled`] : []),
    ...(affected.length > 0 ? [`${plural(affected.length, 'component', 'components')} affected`] : []),
  ]
  const names = listed([...incidents, ...working, ...planned].map(noticeName), '; ')
  const parts = [names, listed(componentItems(affected), ', ')].filter((part) => part !== '')
  return {
    title: truncate(`${displayPageName(context)} — ${counts.join('; ')}`, NOTIFICATION_TITLE_MAX),
    body: truncate(parts.join(' · '), NOTIFICATION_BODY_MAX),
    url: contextLink(null, context),
  }
}

/** "45 min", "6 h", "3 days": how long nobody was looking. */
export function awayWords(since: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - since) / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = Math.round(minutes / 60)
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`
}

/** "09:12" today, "2026-11-29 09:12" on another day; "–10:40" when the end is the same day as the start. */
function clock(at: number, sameDayAs: number): string {
  const full = formatLocalTime(at, false)
  return full.slice(0, 10) === formatLocalTime(sameDayAs, false).slice(0, 10) ? full.slice(11) : full
}

function endedItem(name: string, incident: Incident, end: number | null, now: number): string {
  const start = incident.startedAt ?? incident.updates.at(-1)?.at ?? null
  if (end === null) return `${name} — ended`
  return start === null || start > end ? `${name} — resolved ${clock(end, now)}` : `${name} — ${clock(start, now)}–${clock(end, start)}, resolved`
}

function noticeItem(event: Notice, now: number): string {
  const name = noticeName(event)
  switch (event.kind) {
    case 'incident_resolved':
      return endedItem(name, event.incident, event.update?.at ?? null, now)
    case 'incident_opened':
    case 'incident_updated': {
      // Its end may be filtered out (recovery notifications off): an incident that is over is never told as ongoing.
      if (isClosedStatus(event.incident.status)) return endedItem(name, event.incident, event.incident.updates[0]?.at ?? null, now)
      const start = event.incident.startedAt ?? event.incident.updates.at(-1)?.at ?? null
      const status = UPDATE_STATUS_WORDS[event.update?.status ?? event.incident.status].toLowerCase()
      return start === null ? `${name} — ${status}` : `${name} — since ${clock(start, now)}, ${status}`
    }
    case 'maintenance_scheduled':
      return `${name} — maintenance scheduled`
    case 'maintenance_started':
      return `${name} — maintenance in progress`
    case 'maintenance_completed':
      return `${name} — maintenance completed`
  }
}

function itemKey(event: Notice): string {
  return 'incident' in event ? `incident:${event.incident.id}` : `maintenance:${event.maintenance.id}`
}

export function catchUpSummary(events: readonly MonitorEvent[], context: TextContext, gap: { readonly since: number; readonly why: 'away' | 'unreachable' }, now: number): SummaryWords {
  const { notices, changes } = splitEvents(events)
  // One item per incident or maintenance: where it stands now (its last event) says it all.
  const last = new Map<string, Notice>()
  for (const event of notices) {
    last.delete(itemKey(event))
    last.set(itemKey(event), event)
  }
  const items = [...last.values()].map((event) => noticeItem(event, now))
  const stillWrong = changes.filter((c) => c.to !== 'operational')
  const componentsPart =
    changes.length === 0
      ? []
      : stillWrong.length === 0
        ? [`${plural(changes.length, 'component', 'components')} recovered`]
        : [listed(componentItems(stillWrong), ', ')]
  return {
    title: truncate(`${displayPageName(context)} — ${gap.why === 'away' ? 'While you were away' : 'While it was unreachable'} (${awayWords(gap.since, now)})`, NOTIFICATION_TITLE_MAX),
    body: truncate([listed(items, '; '), ...componentsPart].filter((part) => part !== '').join(' · '), NOTIFICATION_BODY_MAX),
    url: contextLink(null, context),
  }
}
