import type { Component, ComponentStatus, Incident, Maintenance, Update } from './model.ts'

/** The deterministic `key` (diffSnapshot) makes a re-delivery after a worker restart replace its notification, not duplicate it. */
export type MonitorEvent =
  | {
      readonly kind: 'incident_opened'
      readonly key: string
      readonly incident: Incident
      /** The latest update at the time it was first seen, if any. */
      readonly update: Update | null
    }
  | { readonly kind: 'incident_updated'; readonly key: string; readonly incident: Incident; readonly update: Update }
  | {
      readonly kind: 'incident_resolved'
      readonly key: string
      readonly incident: Incident
      /** The resolving update, or null when the incident silently dropped out of the list. */
      readonly update: Update | null
    }
  | {
      readonly kind: 'component_changed'
      readonly key: string
      readonly component: Component
      readonly label: string
      /** null at first sight: nobody saw what it was before. */
      readonly from: ComponentStatus | null
      readonly to: ComponentStatus
    }
  | {
      readonly kind: 'maintenance_scheduled' | 'maintenance_started' | 'maintenance_completed'
      readonly key: string
      readonly maintenance: Maintenance
    }

export type MonitorEventKind = MonitorEvent['kind']
export type ComponentChange = Extract<MonitorEvent, { kind: 'component_changed' }>
/** An incident's or a maintenance's event. */
export type Notice = Exclude<MonitorEvent, ComponentChange>
