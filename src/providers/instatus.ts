import { type Component, type ComponentStatus, type Group, type Incident, type IncidentStatus, type Level, type Maintenance, type MaintenanceStatus, type Snapshot } from '../model.ts'
import { headline, rowsLevel, withRows } from './page-level.ts'
import { ok, type Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageUrl, safeLink } from './urls.ts'
import { isRecord, listOrAbsent, optionalId, optionalString, parseGuarded, requireId, requireList, requireObject, requireString, uniqueById } from '../untrusted.ts'
import { impactOfComponentStatus } from './vocabulary.ts'

/**
 * Instatus: `summary.json` gives page status, active incidents and maintenances; component
 * statuses come only from its companion `v2/components.json` (see Companion in provider.ts).
 * While healthy, `activeIncidents` and `activeMaintenances` are absent, not `[]`. The summary
 * lists incidents without their updates.
 */

/** Component statuses and incident impacts share one vocabulary. */
function componentStatusOf(value: unknown): ComponentStatus {
  switch (value) {
    case 'OPERATIONAL':
      return 'operational'
    case 'UNDERMAINTENANCE':
      return 'under_maintenance'
    case 'DEGRADEDPERFORMANCE':
      return 'degraded_performance'
    // Instatus has a minor outage between degraded and partial; Statuspage's scale has no such step.
    case 'MINOROUTAGE':
    case 'PARTIALOUTAGE':
      return 'partial_outage'
    case 'MAJOROUTAGE':
      return 'major_outage'
    default:
      return 'degraded_performance'
  }
}

function incidentStatusOf(value: unknown): IncidentStatus {
  switch (value) {
    case 'IDENTIFIED':
      return 'identified'
    case 'MONITORING':
      return 'monitoring'
    case 'RESOLVED':
      return 'resolved'
    default:
      return 'investigating'
  }
}

function maintenanceStatusOf(value: unknown): MaintenanceStatus {
  switch (value) {
    case 'INPROGRESS':
      return 'in_progress'
    case 'COMPLETED':
      return 'completed'
    default:
      return 'scheduled'
  }
}

function levelOfPageStatus(value: unknown): Level {
  switch (value) {
    case 'UP':
      return 'operational'
    case 'UNDERMAINTENANCE':
      return 'maintenance'
    default:
      // HASISSUES, or a word added later, names no severity: minor, with our reading beside it when the rows say worse.
      return 'minor'
  }
}

/** `duration` is in minutes, as a string or a number. */
function minutes(value: unknown): number | null {
  const number = typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : null
}

function readIncident(item: unknown, path: string): Incident {
  const incident = requireObject(item, path)
  const id = requireId(incident, 'id', path)
  const status = incidentStatusOf(incident.status)
  return {
    id,
    name: singleLine(requireString(incident, 'name', path)) || 'Incident',
    status,
    impact: impactOfComponentStatus(componentStatusOf(incident.impact)),
    url: safeLink(incident.url),
    startedAt: parseIsoTime(incident.started),
    updates: [],
    componentIds: [],
  }
}

function readMaintenance(item: unknown, path: string): Maintenance {
  const maintenance = requireObject(item, path)
  const id = requireId(maintenance, 'id', path)
  const start = parseIsoTime(maintenance.start)
  const duration = minutes(maintenance.duration)
  return {
    id,
    name: singleLine(requireString(maintenance, 'name', path)) || 'Maintenance',
    status: maintenanceStatusOf(maintenance.status),
    impact: 'maintenance',
    url: safeLink(maintenance.url),
    scheduledFor: start,
    scheduledUntil: start !== null && duration !== null ? start + duration * 60_000 : null,
    updates: [],
    componentIds: [],
  }
}

export function parseInstatusSummary(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('Instatus summary.json', () => {
    const root = requireObject(json, '$')
    const page = requireObject(root.page, '$.page')
    const pageStatus = requireString(page, 'status', '$.page')
    const incidents = uniqueById(listOrAbsent(root, 'activeIncidents', '$').map((item, index) => readIncident(item, `$.activeIncidents[${index}]`)))
    const maintenances = uniqueById(listOrAbsent(root, 'activeMaintenances', '$').map((item, index) => readMaintenance(item, `$.activeMaintenances[${index}]`)))
    const openIncidents = incidents.filter((incident) => incident.status !== 'resolved')
    const openMaintenances = maintenances.filter((maintenance) => maintenance.status !== 'completed')
    return {
      platform: 'instatus',
      page: { name: singleLine(optionalString(page.name) ?? '') || base.hostname, url: pageUrl(page.url, base) },
      ...headline(levelOfPageStatus(pageStatus), rowsLevel({ components: [], incidents: openIncidents, maintenances: openMaintenances })),
      components: [],
      groups: [],
      incidents: openIncidents,
      maintenances: openMaintenances,
    } satisfies Snapshot
  })
}

/** A component's `group` is null, an object with id and name, or (older pages) the group's name. */
function readGroup(value: unknown): Group | null {
  if (typeof value === 'string') {
    const name = singleLine(value)
    return name === '' ? null : { id: name, name }
  }
  if (!isRecord(value)) return null
  const id = optionalId(value.id)
  const name = singleLine(optionalString(value.name) ?? '')
  if (id === null && name === '') return null
  return { id: id ?? name, name: name || id || '' }
}

export interface InstatusComponents {
  readonly components: readonly Component[]
  readonly groups: readonly Group[]
}

export function parseInstatusComponents(json: unknown): Result<InstatusComponents, PollError> {
  return parseGuarded('Instatus v2/components.json', () => {
    const root = requireObject(json, '$')
    const groups: Group[] = []
    const components = requireList(root, 'components', '$').map((item, index): Component => {
      const path = `$.components[${index}]`
      const component = requireObject(item, path)
      const group = readGroup(component.group)
      if (group !== null) groups.push(group)
      return {
        id: requireId(component, 'id', path),
        name: singleLine(requireString(component, 'name', path)) || `Component ${index + 1}`,
        groupId: group?.id ?? null,
        status: componentStatusOf(component.status),
      }
    })
    return { components: uniqueById(components), groups: uniqueById(groups) }
  })
}

export function mergeInstatusComponents(snapshot: Snapshot, componentsJson: unknown): Result<Snapshot, PollError> {
  const parsed = parseInstatusComponents(componentsJson)
  if (!parsed.ok) return parsed
  // The summary's level is always the page's own word (levelOfPageStatus).
  return ok(withRows(snapshot, parsed.value))
}

function summaryEndpoint(base: URL): Required<Pick<Endpoint, 'companions'>> & Endpoint {
  return {
    url: joinUrl(base, 'summary.json'),
    parse: (json) => parseInstatusSummary(json, base),
    companions: [{ url: joinUrl(base, 'v2/components.json'), merge: mergeInstatusComponents }],
  }
}

export const instatus: ProviderEntry<'instatus'> = {
  platform: 'instatus',
  name: 'Instatus',
  detectionRank: 30,
  hostHints: ['.instatus.com'],
  catalog: { labels: ['Instatus'], hosts: [] },
  endpoints: (base) => [summaryEndpoint(base)],
}
