import type { MonitorEvent } from '../events.ts'

/**
 * When an event happened, as the page tells it (the update's own time), else `now`: the time
 * printed in the console block and kept in the history.
 */
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
