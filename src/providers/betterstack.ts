import { levelOfComponentStatus, type Component, type ComponentStatus, type Group, type Incident, type IncidentStatus, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import { headline, rowsLevel } from './page-level.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { plainText, singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageUrl } from './urls.ts'
import { fail, isRecord, listOrAbsent, optionalId, optionalList, optionalNumber, optionalString, parseGuarded, requireId, requireObject, uniqueStrings, type JsonObject } from '../untrusted.ts'
import { impactOfComponentStatus } from './vocabulary.ts'

/**
 * Better Stack: `GET {base}/index.json`, a JSON:API document whose `included` holds sections
 * (groups), resources (components), status reports (incidents, maintenances) and status updates.
 * The page's `timezone` is a Rails zone name, not IANA: ignored, as every timestamp has an offset.
 * `affected_resources` may name resources the page no longer lists: kept as ids, never an error.
 * Reports have no investigating/identified/monitoring steps and updates no status: the newest
 * update carries the report's status, the rest the opening one. Reports have no public link.
 */

/** Better Stack's state words, for the page, resources and reports alike. */
function componentStatusOf(state: unknown): ComponentStatus {
  switch (state) {
    // `not_monitored`: no news is not bad news.
    case 'operational':
    case 'resolved':
    case 'not_monitored':
      return 'operational'
    case 'maintenance':
      return 'under_maintenance'
    case 'degraded':
      return 'degraded_performance'
    case 'downtime':
      return 'major_outage'
    default:
      // A state added later says something, and the mildest problem neither hides nor cries outage.
      return 'degraded_performance'
  }
}

/** JSON:API resources of `included`, by type then id; the first of a repeated id wins. */
type Included = ReadonlyMap<string, ReadonlyMap<string, JsonObject>>

function indexIncluded(list: readonly unknown[]): Included {
  const byType = new Map<string, Map<string, JsonObject>>()
  list.forEach((item, index) => {
    const resource = requireObject(item, `$.included[${index}]`)
    const type = optionalString(resource.type)
    const id = optionalId(resource.id)
    if (type === null || id === null) return
    const ofType = byType.get(type) ?? new Map<string, JsonObject>()
    byType.set(type, ofType)
    if (!ofType.has(id)) ofType.set(id, resource)
  })
  return byType
}

function attributesOf(resource: JsonObject): JsonObject {
  return isRecord(resource.attributes) ? resource.attributes : {}
}

function ofType(included: Included, type: string): [string, JsonObject][] {
  return [...(included.get(type) ?? new Map<string, JsonObject>())]
}

function byPosition<T extends { readonly position: number | null }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.position ?? Infinity) - (b.item.position ?? Infinity) || a.index - b.index)
    .map(({ item }) => item)
}

function readGroups(included: Included): Group[] {
  const sections = ofType(included, 'status_page_section').map(([id, section]) => {
    const attributes = attributesOf(section)
    return { id, name: singleLine(optionalString(attributes.name) ?? '') || `Section ${id}`, position: optionalNumber(attributes.position) }
  })
  return byPosition(sections).map(({ id, name }) => ({ id, name }))
}

function readComponents(included: Included, groups: readonly Group[]): Component[] {
  const groupIndex = new Map(groups.map((group, index) => [group.id, index]))
  const resources = ofType(included, 'status_page_resource').map(([id, resource], index) => {
    const attributes = attributesOf(resource)
    const sectionId = optionalId(attributes.status_page_section_id)
    const groupId = sectionId !== null && groupIndex.has(sectionId) ? sectionId : null
    const component: Component = {
      id,
      name: singleLine(optionalString(attributes.public_name) ?? '') || `Resource ${id}`,
      groupId,
      status: componentStatusOf(attributes.status),
    }
    // Page order: resources without a section first, then section by section, each by position.
    return { component, section: groupId === null ? -1 : (groupIndex.get(groupId) ?? -1), position: optionalNumber(attributes.position), index }
  })
  return resources
    .sort((a, b) => a.section - b.section || (a.position ?? Infinity) - (b.position ?? Infinity) || a.index - b.index)
    .map(({ component }) => component)
}

interface Report {
  readonly id: string
  readonly name: string
  readonly isMaintenance: boolean
  readonly closed: boolean
  /** The report's state as a component status: what it says about the affected resources. */
  readonly state: ComponentStatus
  readonly startsAt: number | null
  readonly endsAt: number | null
  readonly componentIds: readonly string[]
  /** Newest first, without statuses yet. */
  readonly updates: readonly Omit<Update, 'status'>[]
}

/** Updates by `status_report_id`: a pass over all updates per report is quadratic on a page with thousands of reports. */
interface UpdateIndex {
  readonly updates: readonly (readonly [string, JsonObject])[]
  readonly positionOf: ReadonlyMap<string, number>
  readonly byReport: ReadonlyMap<string, readonly number[]>
}

function indexUpdates(included: Included): UpdateIndex {
  const updates = ofType(included, 'status_update')
  const positionOf = new Map<string, number>()
  const byReport = new Map<string, number[]>()
  updates.forEach(([id, update], position) => {
    positionOf.set(id, position)
    const reportId = optionalId(attributesOf(update).status_report_id)
    if (reportId === null) return
    const positions = byReport.get(reportId)
    if (positions === undefined) byReport.set(reportId, [position])
    else positions.push(position)
  })
  return { updates, positionOf, byReport }
}

/** Updates are linked from the report (`relationships.status_updates`) or back to it (`status_report_id`). */
function readReportUpdates(index: UpdateIndex, reportId: string, report: JsonObject): Omit<Update, 'status'>[] {
  const relationships = isRecord(report.relationships) ? report.relationships : {}
  const linked = isRecord(relationships.status_updates) ? optionalList(relationships.status_updates.data) : []
  const positions = new Set(index.byReport.get(reportId))
  for (const link of linked) {
    const position = isRecord(link) ? index.positionOf.get(optionalId(link.id) ?? '') : undefined
    if (position !== undefined) positions.add(position)
  }
  const updates = [...positions].flatMap((position) => {
    const [id, update] = index.updates[position] ?? []
    if (id === undefined || update === undefined) return []
    const attributes = attributesOf(update)
    return [{ id, text: plainText(optionalString(attributes.message) ?? ''), at: parseIsoTime(attributes.published_at), position }]
  })
  // Newest first; among equal times, the later in the document first.
  return updates
    .sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity) || b.position - a.position)
    .map(({ id, text, at }) => ({ id, text, at }))
}

function readReports(included: Included): Report[] {
  const updates = indexUpdates(included)
  return ofType(included, 'status_report').map(([id, report]) => {
    const attributes = attributesOf(report)
    const isMaintenance = attributes.report_type === 'maintenance'
    const endsAt = parseIsoTime(attributes.ends_at)
    const affected = optionalList(attributes.affected_resources)
      .map((resource) => (isRecord(resource) ? optionalId(resource.status_page_resource_id) : null))
      .filter((resourceId) => resourceId !== null)
    return {
      id,
      name: singleLine(optionalString(attributes.title) ?? '') || (isMaintenance ? 'Maintenance' : 'Incident'),
      isMaintenance,
      // An incident report gets its end time when it is over; a maintenance has one from the start.
      closed: attributes.aggregate_state === 'resolved' || (!isMaintenance && endsAt !== null),
      state: componentStatusOf(attributes.aggregate_state),
      startsAt: parseIsoTime(attributes.starts_at),
      endsAt,
      componentIds: uniqueStrings(affected),
      updates: readReportUpdates(updates, id, report),
    }
  })
}

function withStatuses<S extends IncidentStatus | MaintenanceStatus>(updates: readonly Omit<Update, 'status'>[], latest: S, opening: S): Update[] {
  return updates.map((update, index) => ({ ...update, status: index === 0 ? latest : opening }))
}

function toIncident(report: Report): Incident {
  const status: IncidentStatus = report.closed ? 'resolved' : 'investigating'
  return {
    id: report.id,
    name: report.name,
    status,
    impact: report.closed ? 'none' : impactOfComponentStatus(report.state),
    url: null,
    startedAt: report.startsAt,
    updates: withStatuses<IncidentStatus>(report.updates, status, 'investigating'),
    componentIds: report.componentIds,
  }
}

function toMaintenance(report: Report): Maintenance {
  const status: MaintenanceStatus = report.closed ? 'completed' : report.state === 'under_maintenance' ? 'in_progress' : 'scheduled'
  return {
    id: report.id,
    name: report.name,
    status,
    impact: 'maintenance',
    url: null,
    scheduledFor: report.startsAt,
    scheduledUntil: report.endsAt,
    updates: withStatuses<MaintenanceStatus>(report.updates, status, 'scheduled'),
    componentIds: report.componentIds,
  }
}

interface Document {
  readonly page: JsonObject
  readonly included: Included
}

function readDocument(json: unknown): Document {
  const root = requireObject(json, '$')
  const data = requireObject(root.data, '$.data')
  if (data.type !== 'status_page') fail('$.data.type', '"status_page"')
  requireId(data, 'id', '$.data')
  const page = requireObject(data.attributes, '$.data.attributes')
  if (typeof page.aggregate_state !== 'string') fail('$.data.attributes.aggregate_state', 'a string')
  // JSON:API leaves `included` out when there is nothing to include.
  const included = listOrAbsent(root, 'included', '$')
  return { page, included: indexIncluded(included) }
}

/** Every report in the document, resolved and completed ones included (the snapshot drops those). */
export interface BetterStackHistory {
  readonly incidents: readonly Incident[]
  readonly maintenances: readonly Maintenance[]
}

export function parseBetterStackHistory(json: unknown): Result<BetterStackHistory, PollError> {
  return parseGuarded('Better Stack index.json', () => {
    const reports = readReports(readDocument(json).included)
    return {
      incidents: reports.filter((report) => !report.isMaintenance).map(toIncident),
      maintenances: reports.filter((report) => report.isMaintenance).map(toMaintenance),
    }
  })
}

/** A custom domain is a bare host name; anything else is not trusted to build a link from. */
function customDomainUrl(value: unknown): string | null {
  return typeof value === 'string' && /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(value.trim()) ? `https://${value.trim()}` : null
}

export function parseBetterStack(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('Better Stack index.json', () => {
    const { page, included } = readDocument(json)
    const groups = readGroups(included)
    const components = readComponents(included, groups)
    const reports = readReports(included).filter((report) => !report.closed)
    const incidents = reports.filter((report) => !report.isMaintenance).map(toIncident)
    const maintenances = reports.filter((report) => report.isMaintenance).map(toMaintenance)
    return {
      platform: 'betterstack',
      page: {
        name: singleLine(optionalString(page.company_name) ?? '') || base.hostname,
        url: pageUrl(customDomainUrl(page.custom_domain), base),
      },
      ...headline(levelOfComponentStatus(componentStatusOf(page.aggregate_state)), rowsLevel({ components, incidents, maintenances })),
      components,
      groups,
      incidents,
      maintenances,
    } satisfies Snapshot
  })
}

function indexEndpoint(base: URL): Endpoint {
  return { url: joinUrl(base, 'index.json'), parse: (json) => parseBetterStack(json, base) }
}

export const betterstack: ProviderEntry<'betterstack'> = {
  platform: 'betterstack',
  name: 'Better Stack',
  detectionRank: 40,
  hostHints: ['.betteruptime.com', '.betterstack.com'],
  catalog: { labels: ['Better Stack', 'Better Stack (Better Uptime)'], hosts: [] },
  endpoints: (base) => [indexEndpoint(base)],
}
