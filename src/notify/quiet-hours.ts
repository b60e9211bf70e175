import type { MonitorEvent } from '../events.ts'
import { fnv1a } from '../text/coalesce.ts'

/** Notifications are held in this daily window (local time) and summed up in ONE after it (background/quiet-release.ts). */
export interface QuietHours {
  readonly enabled: boolean
  /** 'HH:MM', 24 h. A window with end before start spans midnight (22:00–07:00). */
  readonly start: string
  readonly end: string
}

export interface HeldEntry {
  /** `<page key>|<event key>`: a poll re-run after a worker restart holds the same event once. */
  readonly id: string
  readonly pageKey: string
  readonly pageName: string
  readonly pageUrl: string
  readonly kind: 'incident' | 'component' | 'maintenance'
  /** What is counted once: the incident or maintenance id, or the event key of a component change. */
  readonly subject: string
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export function isQuiet(quietHours: QuietHours | null | undefined, now: number): boolean {
  if (!quietHours?.enabled) return false
  const start = minutesOf(quietHours.start)
  const end = minutesOf(quietHours.end)
  const at = new Date(now)
  const minute = at.getHours() * 60 + at.getMinutes()
  if (start === end) return false
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

export function heldEntry(event: MonitorEvent, page: { readonly key: string; readonly name: string; readonly url: string }): HeldEntry {
  const base = { id: `${page.key}|${event.key}`, pageKey: page.key, pageName: page.name, pageUrl: page.url }
  if (event.kind === 'component_changed') return { ...base, kind: 'component', subject: event.key }
  if ('incident' in event) return { ...base, kind: 'incident', subject: `${page.key}|${event.incident.id}` }
  return { ...base, kind: 'maintenance', subject: `${page.key}|${event.maintenance.id}` }
}

export interface QuietSummary {
  /** Deterministic: the same held events give the same id (a replay replaces, never duplicates). */
  readonly id: string
  readonly title: string
  readonly body: string
  readonly pageUrl: string
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** "While quiet: 3 incidents, 5 component changes on OpenAI, GitHub", or null when nothing is held. */
export function quietSummary(entries: readonly HeldEntry[]): QuietSummary | null {
  const first = entries[0]
  if (first === undefined) return null
  const distinct = (kind: HeldEntry['kind']): number => new Set(entries.filter((e) => e.kind === kind).map((e) => e.subject)).size
  const parts = [
    [distinct('incident'), 'incident', 'incidents'],
    [distinct('component'), 'component change', 'component changes'],
    [distinct('maintenance'), 'maintenance', 'maintenances'],
  ] as const
  const counts = parts.filter(([n]) => n > 0).map(([n, one, many]) => count(n, one, many))
  const names = [...new Set(entries.map((e) => e.pageName || e.pageKey))]
  const shown = names.slice(0, 4).join(', ') + (names.length > 4 ? ` +${names.length - 4} more` : '')
  return {
    id: `quiet|${entries.length}:${fnv1a(entries.map((e) => e.id).sort().join('\n'))}`,
    title: 'Quiet hours are over',
    body: `While quiet: ${counts.join(', ')} on ${shown}`,
    pageUrl: first.pageUrl,
  }
}
