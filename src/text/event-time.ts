import type { MonitorEvent } from '../events.ts'

/** The update's own time when the page gives one. */
export function eventTime(event: MonitorEvent, now: number): number {
  switch (event.kind) {
    case 'incident_opened':
    case 'incident_updated':
    case 'incident_resolved':
      return event.update?.at ?? now
    case 'maintenance_scheduled':
    case 'maintenance_started':
    case 'maintenance_completed':
      return event.maintenance.updates[0]?.at ?? now
    case 'component_changed':
      return now
  }
}
