import { COMPONENT_STATUS_RANK, IMPACT_OF_COMPONENT_STATUS, isClosedStatus, type ComponentStatus, type Incident, type IncidentStatus } from '../model.ts'
import type { PollError } from '../poll-error.ts'
import type { Result } from '../result.ts'
import { singleLine } from '../text/plain-text.ts'
import { parseIsoTime } from './time.ts'
import { safeLink } from './urls.ts'
import { isRecord, optionalId, parseGuarded, requireId, requireList, requireObject, uniqueById, type JsonObject } from '../untrusted.ts'
import { componentStatusOf, incidentStatusOf } from './vocabulary.ts'

/**
 * incident.io's `GET {origin}/proxy/{host}/component_impacts?start_at=…&end_at=…`: which component
 * which incident impacted, when, and uptimes over the window. Not polled: read on demand for history.
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

function readRows<T extends { readonly id: string }>(root: JsonObject, key: string, read: (row: JsonObject, path: string) => T): T[] {
  return uniqueById(
    requireList(root, key, '$').map((value, index) => {
      const path = `${key}[${index}]`
      return read(requireObject(value, path), path)
    }),
  )
}

export function parseComponentImpacts(json: unknown): Result<ComponentHistory, PollError> {
  return parseGuarded('incident.io component impacts', () => {
    const root = requireObject(json, '$')
    const incidents = readRows(root, 'incident_links', (link, path): IncidentLink => ({
      id: requireId(link, 'id', path),
      name: singleLine(typeof link.name === 'string' ? link.name : ''),
      status: incidentStatusOf(link.status),
      publishedAt: parseIsoTime(link.published_at),
      url: safeLink(link.permalink),
    }))
    const impacts = readRows(root, 'component_impacts', (impact, path): ComponentImpact => ({
      id: requireId(impact, 'id', path),
      componentId: requireId(impact, 'component_id', path),
      incidentId: optionalId(impact.status_page_incident_id),
      status: componentStatusOf(impact.status),
      startAt: parseIsoTime(impact.start_at),
      endAt: parseIsoTime(impact.end_at),
    }))
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

/** The window's ends rounded out to the hour, so one URL serves a whole hour and the HTTP cache can revalidate it. */
export function componentImpactsUrl(base: URL, window: { readonly from: number; readonly to: number }): string {
  const hour = 3_600_000
  const iso = (at: number): string => new Date(at).toISOString().replace('.000Z', 'Z')
  const params = new URLSearchParams({ start_at: iso(Math.floor(window.from / hour) * hour), end_at: iso(Math.ceil(window.to / hour) * hour) })
  return `${base.origin}/proxy/${base.hostname}/component_impacts?${params.toString()}`
}

/**
 * The incidents of a component-impacts answer as the page told them: its links give name and
 * status, the impacts the components, the worst impact and the times. incident.io says no words
 * here, so a resolved incident carries one wordless resolving update at its last impact's end.
 */
export function pastIncidents(history: ComponentHistory): Incident[] {
  const impactsOf = new Map<string, ComponentImpact[]>()
  for (const impact of history.impacts) {
    if (impact.incidentId === null) continue
    const list = impactsOf.get(impact.incidentId)
    if (list === undefined) impactsOf.set(impact.incidentId, [impact])
    else list.push(impact)
  }
  return history.incidents.map((link): Incident => {
    const impacts = impactsOf.get(link.id) ?? []
    // Reduced, not spread into Math.min/max: a hostile answer may hold more impacts than arguments fit.
    const start = impacts.reduce<number | null>((t, i) => (i.startAt !== null && (t === null || i.startAt < t) ? i.startAt : t), null)
    const end = impacts.reduce<number | null>((t, i) => (i.endAt !== null && (t === null || i.endAt > t) ? i.endAt : t), null)
    const closed = isClosedStatus(link.status)
    // Its end is known only when every impact has ended.
    const endedAt = closed && impacts.every((i) => i.endAt !== null) ? end : null
    const worst = impacts.reduce<ComponentStatus>((w, i) => (COMPONENT_STATUS_RANK[i.status] > COMPONENT_STATUS_RANK[w] ? i.status : w), 'operational')
    return {
      id: link.id,
      name: link.name,
      status: link.status,
      impact: IMPACT_OF_COMPONENT_STATUS[worst],
      url: link.url,
      startedAt: start ?? link.publishedAt,
      updates: closed ? [{ id: `${link.id}:resolved`, status: link.status, text: '', at: endedAt }] : [],
      componentIds: [...new Set(impacts.map((i) => i.componentId))],
    }
  })
}
