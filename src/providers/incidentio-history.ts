import type { ComponentStatus, IncidentStatus } from '../model.ts'
import type { PollError } from '../poll-error.ts'
import type { Result } from '../result.ts'
import { singleLine } from '../text/plain-text.ts'
import { parseIsoTime } from './time.ts'
import { safeLink } from './urls.ts'
import { isRecord, optionalId, parseGuarded, requireId, requireList, requireObject, uniqueById } from '../untrusted.ts'
import { componentStatusOf, incidentStatusOf } from './vocabulary.ts'

/**
 * incident.io's history endpoint, `GET {origin}/proxy/{host}/component_impacts?start_at=…&end_at=…`:
 * which component was impacted by which incident, when, and each component's (or group's)
 * uptime over the window. Not polled: it backs history and uptime views, and is read on demand.
 */

export interface ComponentImpact {
  readonly id: string
  readonly componentId: string
  readonly incidentId: string | null
  readonly status: ComponentStatus
  readonly startAt: number | null
  /** null while the impact is still going on. */
  readonly endAt: number | null
}

export interface IncidentLink {
  readonly id: string
  readonly name: string
  readonly status: IncidentStatus
  readonly publishedAt: number | null
  readonly url: string | null
}

export interface ComponentUptime {
  /** A component id, or a group id for a group's aggregate. */
  readonly id: string
  readonly kind: 'component' | 'group'
  /** Percent, 0–100; incident.io sends it as a string ("99.92"). */
  readonly percent: number | null
}

export interface ComponentHistory {
  readonly incidents: readonly IncidentLink[]
  readonly impacts: readonly ComponentImpact[]
  readonly uptimes: readonly ComponentUptime[]
}

function percentOf(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
  return Number.isFinite(number) && number >= 0 && number <= 100 ? number : null
}

export function parseComponentImpacts(json: unknown): Result<ComponentHistory, PollError> {
  return parseGuarded('incident.io component impacts', () => {
    const root = requireObject(json, '$')
    const incidents = uniqueById(
      requireList(root, 'incident_links', '$').map((value, index): IncidentLink => {
        const path = `incident_links[${index}]`
        const link = requireObject(value, path)
        return {
          id: requireId(link, 'id', path),
          name: singleLine(typeof link.name === 'string' ? link.name : ''),
          status: incidentStatusOf(link.status),
          publishedAt: parseIsoTime(link.published_at),
          url: safeLink(link.permalink),
        }
      }),
    )
    const impacts = uniqueById(
      requireList(root, 'component_impacts', '$').map((value, index): ComponentImpact => {
        const path = `component_impacts[${index}]`
        const impact = requireObject(value, path)
        return {
          id: requireId(impact, 'id', path),
          componentId: requireId(impact, 'component_id', path),
          incidentId: optionalId(impact.status_page_incident_id),
          // incident.io's full_outage is our major_outage (vocabulary.ts).
          status: componentStatusOf(impact.status),
          startAt: parseIsoTime(impact.start_at),
          endAt: parseIsoTime(impact.end_at),
        }
      }),
    )
    const uptimes = uniqueById(
      requireList(root, 'component_uptimes', '$').flatMap((value): ComponentUptime[] => {
        if (!isRecord(value)) return []
        const componentId = optionalId(value.component_id)
        const groupId = optionalId(value.status_page_component_group_id)
        const id = componentId ?? groupId
        if (id === null) return []
        return [{ id, kind: componentId !== null ? 'component' : 'group', percent: percentOf(value.uptime) }]
      }),
    )
    return { incidents, impacts, uptimes }
  })
}
