import { COMPONENT_STATUS_RANK } from '../model.ts'
import type { ComponentChange, MonitorEvent, Notice } from '../events.ts'
import { COMPONENT_STATUS_WORDS, componentName } from './event-text.ts'

/** The pieces every summary notification (coalesce.ts, occasion-summary.ts) lists events with. */

const ITEMS_SHOWN = 3

/** The first items, then "+N more": a notification, not a report. */
export function listed(items: readonly string[], separator: string): string {
  const shown = items.slice(0, ITEMS_SHOWN)
  const more = items.length - shown.length
  return [...shown, ...(more > 0 ? [`+${more} more`] : [])].join(separator)
}

/** Incidents and maintenances apart from component changes, each in event order. */
export function splitEvents(events: readonly MonitorEvent[]): { notices: Notice[]; changes: ComponentChange[] } {
  const notices: Notice[] = []
  const changes: ComponentChange[] = []
  for (const event of events) {
    if (event.kind === 'component_changed') changes.push(event)
    else notices.push(event)
  }
  return { notices, changes }
}

/** "Label: Status", worst first so a list leads with what is broken; ties keep page order. */
export function componentItems(changes: readonly ComponentChange[]): string[] {
  return [...changes].sort((a, b) => COMPONENT_STATUS_RANK[b.to] - COMPONENT_STATUS_RANK[a.to]).map((c) => `${componentName(c)}: ${COMPONENT_STATUS_WORDS[c.to]}`)
}
