import { levelOfComponentStatus, COMPONENT_STATUSES, INCIDENT_STATUSES, IMPACTS, MAINTENANCE_STATUSES, type ComponentStatus, type Impact, type IncidentStatus, type Level, type MaintenanceStatus } from '../model.ts'
import { isOneOf } from '../untrusted.ts'

/** Platform words to the model's unions. A value a platform adds later must not fail a whole page, so each maps to a fallback. */

/**
 * Unknown component statuses read as `degraded_performance`: every platform already has
 * `operational`, so anything new says something is off, and the mildest problem neither hides it
 * nor cries outage. incident.io's `full_outage` is our `major_outage`.
 */
export function componentStatusOf(value: unknown): ComponentStatus {
  if (value === 'full_outage') return 'major_outage'
  return isOneOf(COMPONENT_STATUSES, value) ? value : 'degraded_performance'
}

export function knownIncidentStatus(value: unknown): IncidentStatus | null {
  return isOneOf(INCIDENT_STATUSES, value) ? value : null
}

/** Unknown incident statuses read as `investigating`: the incident is listed, so it is open. */
export function incidentStatusOf(value: unknown): IncidentStatus {
  return knownIncidentStatus(value) ?? 'investigating'
}

/** Statuspage's words plus the spellings incident.io's APIs use (`maintenance_*`, `upcoming`, `ongoing`, `complete` …). */
export function knownMaintenanceStatus(value: unknown): MaintenanceStatus | null {
  if (isOneOf(MAINTENANCE_STATUSES, value)) return value
  switch (value) {
    case 'maintenance_scheduled':
    case 'upcoming':
      return 'scheduled'
    case 'maintenance_in_progress':
    case 'in-progress':
    case 'ongoing':
      return 'in_progress'
    case 'maintenance_verifying':
      return 'verifying'
    case 'maintenance_complete':
    case 'maintenance_completed':
    case 'complete':
    case 'resolved':
      return 'completed'
    default:
      return null
  }
}

/** Unknown maintenance statuses read as `scheduled`, the state that promises least. */
export function maintenanceStatusOf(value: unknown): MaintenanceStatus {
  return knownMaintenanceStatus(value) ?? 'scheduled'
}

/** Unknown impacts read as `minor`, for the same reason as unknown component statuses. */
export function impactOf(value: unknown): Impact {
  return isOneOf(IMPACTS, value) ? value : 'minor'
}

export function levelOfImpact(impact: Impact): Level {
  return impact === 'none' ? 'operational' : impact
}

/** incident.io states impact as component statuses; Statuspage's scale reads them this way. */
export function impactOfComponentStatus(status: ComponentStatus): Impact {
  const level = levelOfComponentStatus(status)
  return level === 'operational' ? 'none' : level
}

/** Statuspage's `status.indicator`; an unknown word is no word (null): the rows then speak. */
export function levelOfIndicator(value: unknown): Level | null {
  switch (value) {
    case 'none':
      return 'operational'
    case 'minor':
    case 'major':
    case 'critical':
    case 'maintenance':
      return value
    default:
      return null
  }
}
