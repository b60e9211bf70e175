import type { MonitorEvent } from '../events.ts'
import type { Snapshot } from '../model.ts'

export interface NotifyFilters {
  /** null = everything; else only events touching these component or group ids. */
  readonly componentIds: readonly string[] | null
  readonly mutedUntil: number | null
  readonly mutedForever: boolean
}

/**
 * Which events of a poll the user wants to be told about. Filtered events are still recorded as
 * seen: unmuting never replays what happened meanwhile. Incidents and maintenances that name no
 * component pass any component filter: they may be about anything.
 */
export function notifiableEvents(
  events: readonly MonitorEvent[],
  filters: NotifyFilters,
  notifyOnRecovery: boolean,
  now: number,
  snapshot: Snapshot | null,
): MonitorEvent[] {
  if (filters.mutedForever || (filters.mutedUntil !== null && filters.mutedUntil > now)) return []
  const wanted = filters.componentIds === null ? null : new Set(filters.componentIds)
  const groupOf = new Map(snapshot?.components.map((c) => [c.id, c.groupId]) ?? [])
  const touches = (componentId: string, groupId: string | null | undefined): boolean =>
    wanted === null || wanted.has(componentId) || (groupId !== null && groupId !== undefined && wanted.has(groupId))

  return events.filter((event) => {
    if (!notifyOnRecovery && isRecovery(event)) return false
    if (wanted === null) return true
    if (event.kind === 'component_changed') return touches(event.component.id, event.component.groupId)
    const ids = 'incident' in event ? event.incident.componentIds : event.maintenance.componentIds
    return ids.length === 0 || ids.some((id) => touches(id, groupOf.get(id)))
  })
}

export function isRecovery(event: MonitorEvent): boolean {
  return event.kind === 'incident_resolved' || (event.kind === 'component_changed' && event.to === 'operational')
}
