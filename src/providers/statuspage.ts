import { isClosedStatus, type Component, type Group, type Incident, type IncidentStatus, type Level, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import { headline, rowsLevel } from './page-level.ts'
import type { PollError } from '../poll-error.ts'
import type { Result } from '../result.ts'
import { plainText, singleLine } from '../text/plain-text.ts'
import type { ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageLink, pageUrl, safeLink } from './urls.ts'
import { isRecord, listOrAbsent, optionalId, optionalList, optionalNumber, optionalString, parseGuarded, requireId, requireList, requireObject, uniqueById, uniqueStrings, type JsonObject } from '../untrusted.ts'
import { componentStatusOf, impactOf, incidentStatusOf, knownIncidentStatus, knownMaintenanceStatus, levelOfIndicator, maintenanceStatusOf } from './vocabulary.ts'

/** Atlassian Statuspage's public v2 API: `summary.json` is polled; the other parsers serve history and tests on real captures. */

export const SUMMARY_PATH = 'api/v2/summary.json'

export interface PageInfo {
  readonly name: string
  readonly url: string
}

function readPage(root: JsonObject, base: URL): PageInfo {
  const page = requireObject(root.page, 'page')
  const name = singleLine(optionalString(page.name) ?? '')
  return { name: name === '' ? base.hostname : name, url: pageUrl(page.url, base) }
}

interface ComponentRow {
  readonly id: string
  readonly name: string
  readonly status: Component['status']
  readonly isGroup: boolean
  readonly groupId: string | null
  readonly childIds: readonly string[]
  readonly position: number
  /** Where the row sat in the payload: the tie-breaker when positions repeat or are missing. */
  readonly index: number
}

function readComponentRow(value: unknown, index: number, path: string): ComponentRow {
  const row = requireObject(value, path)
  return {
    id: requireId(row, 'id', path),
    name: singleLine(optionalString(row.name) ?? ''),
    status: componentStatusOf(row.status),
    isGroup: row.group === true,
    groupId: optionalId(row.group_id),
    childIds: optionalList(row.components).flatMap((child) => optionalId(child) ?? []),
    position: optionalNumber(row.position) ?? Number.POSITIVE_INFINITY,
    index,
  }
}

const byPosition = (a: ComponentRow, b: ComponentRow): number => a.position - b.position || a.index - b.index

/** The flat list mixes group rows with components, out of order; groups and ungrouped components share one position sequence. */
function arrangeComponents(rows: readonly ComponentRow[]): { components: Component[]; groups: Group[] } {
  const groupRows = uniqueById(rows.filter((row) => row.isGroup))
  const groupIds = new Set(groupRows.map((row) => row.id))
  const memberRows = uniqueById(rows.filter((row) => !row.isGroup))

  // A child names its group; the group's own list is the fallback when the child does not.
  const listedIn = new Map<string, string>()
  for (const group of groupRows) for (const childId of group.childIds) if (!listedIn.has(childId)) listedIn.set(childId, group.id)
  const groupOf = (row: ComponentRow): string | null =>
    row.groupId !== null && groupIds.has(row.groupId) ? row.groupId : (listedIn.get(row.id) ?? null)

  // Appended in place: a group may hold tens of thousands of rows, and a copy per row is quadratic.
  const children = new Map<string, ComponentRow[]>()
  const topLevel: ComponentRow[] = [...groupRows]
  for (const row of memberRows) {
    const groupId = groupOf(row)
    if (groupId === null) {
      topLevel.push(row)
      continue
    }
    const siblings = children.get(groupId)
    if (siblings === undefined) children.set(groupId, [row])
    else siblings.push(row)
  }

  const components: Component[] = []
  const groups: Group[] = []
  const toComponent = (row: ComponentRow, groupId: string | null): Component => ({
    id: row.id,
    name: row.name,
    groupId,
    status: row.status,
  })
  for (const row of topLevel.sort(byPosition)) {
    if (!row.isGroup) {
      components.push(toComponent(row, null))
      continue
    }
    groups.push({ id: row.id, name: row.name })
    for (const child of (children.get(row.id) ?? []).sort(byPosition)) components.push(toComponent(child, row.id))
  }
  return { components, groups }
}

function readComponents(root: JsonObject): { components: Component[]; groups: Group[] } {
  const rows = requireList(root, 'components', '$').map((value, index) => readComponentRow(value, index, `components[${index}]`))
  return arrangeComponents(rows)
}

function readUpdates<S extends IncidentStatus | MaintenanceStatus>(
  value: unknown,
  path: string,
  statusOf: (value: unknown) => S | null,
  fallback: S,
  bodyText: BodyText,
): Update[] {
  const updates = optionalList(value).map((item, index): Update & { readonly order: number } => {
    const itemPath = `${path}[${index}]`
    const update = requireObject(item, itemPath)
    return {
      id: requireId(update, 'id', itemPath),
      status: statusOf(update.status) ?? fallback,
      text: bodyText(optionalString(update.body) ?? ''),
      at: parseIsoTime(update.display_at) ?? parseIsoTime(update.created_at),
      order: index,
    }
  })
  return newestFirst(uniqueById(updates)).map(({ order: _order, ...update }) => update)
}

/** Statuspage sends updates newest first; sorting again costs nothing and survives a page that does not. */
function newestFirst<T extends { readonly at: number | null; readonly order: number }>(updates: T[]): T[] {
  const time = (update: T): number => update.at ?? Number.NEGATIVE_INFINITY
  return updates.sort((a, b) => time(b) - time(a) || a.order - b.order)
}

function componentIdsOf(record: JsonObject): string[] {
  return uniqueStrings(
    optionalList(record.components).flatMap((component) => (isRecord(component) ? optionalId(component.id) : optionalId(component)) ?? []),
  )
}

function linkOf(record: JsonObject, page: PageInfo, id: string): string | null {
  return safeLink(record.shortlink) ?? pageLink(page.url, 'incidents', id)
}

function readItem<S extends IncidentStatus | MaintenanceStatus>(value: unknown, path: string, page: PageInfo, statusOf: (value: unknown) => S, knownStatus: (value: unknown) => S | null, bodyText: BodyText) {
  const record = requireObject(value, path)
  const id = requireId(record, 'id', path)
  const status = statusOf(record.status)
  const name = singleLine(optionalString(record.name) ?? '')
  const url = linkOf(record, page, id)
  const updates = readUpdates(record.incident_updates, `${path}.incident_updates`, knownStatus, status, bodyText)
  return { record, id, name, status, url, updates, componentIds: componentIdsOf(record) }
}

function readIncident(value: unknown, path: string, page: PageInfo, bodyText: BodyText = plainText): Incident {
  const { record, id, name, status, url, updates, componentIds } = readItem(value, path, page, incidentStatusOf, knownIncidentStatus, bodyText)
  const startedAt = parseIsoTime(record.started_at) ?? parseIsoTime(record.created_at)
  return { id, name, status, impact: impactOf(record.impact ?? 'none'), url, startedAt, updates, componentIds }
}

function readMaintenance(value: unknown, path: string, page: PageInfo, bodyText: BodyText = plainText): Maintenance {
  const { record, id, name, status, url, updates, componentIds } = readItem(value, path, page, maintenanceStatusOf, knownMaintenanceStatus, bodyText)
  const [scheduledFor, scheduledUntil] = [parseIsoTime(record.scheduled_for), parseIsoTime(record.scheduled_until)]
  return { id, name, status, impact: impactOf(record.impact ?? 'maintenance'), url, scheduledFor, scheduledUntil, updates, componentIds }
}

/** A missing list is empty: incident.io's compatible summary sometimes omits one. */
function readEach<T extends { readonly id: string }>(root: JsonObject, key: string, read: (value: unknown, path: string) => T): T[] {
  return uniqueById(listOrAbsent(root, key, '$').map((value, index) => read(value, `${key}[${index}]`)))
}

function readPageList<T extends { readonly id: string }>(json: unknown, base: URL, key: string, read: (value: unknown, path: string, page: PageInfo) => T): T[] {
  const root = requireObject(json, '$')
  const page = readPage(root, base)
  return uniqueById(requireList(root, key, '$').map((value, index) => read(value, `${key}[${index}]`, page)))
}

export const isOpenIncident = (incident: Incident): boolean => !isClosedStatus(incident.status)
export const isPendingMaintenance = (maintenance: Maintenance): boolean => maintenance.status !== 'completed'

function indicatorOf(root: JsonObject): Level | null {
  return isRecord(root.status) ? levelOfIndicator(root.status.indicator) : null
}

/** Statuspage bodies are plain text (a few tags at most); incident.io's compatible ones are Markdown. */
export type BodyText = (body: string) => string

/** `GET {base}/api/v2/summary.json`: the page, its components, unresolved incidents, pending maintenances. */
export function parseSummary(json: unknown, base: URL, bodyText: BodyText = plainText): Result<Snapshot, PollError> {
  return parseGuarded('Statuspage summary.json', () => {
    const root = requireObject(json, '$')
    const page = readPage(root, base)
    const { components, groups } = readComponents(root)
    const incidents = readEach(root, 'incidents', (value, path) => readIncident(value, path, page, bodyText)).filter(isOpenIncident)
    const maintenances = readEach(root, 'scheduled_maintenances', (value, path) => readMaintenance(value, path, page, bodyText)).filter(isPendingMaintenance)
    const parts = { components, incidents, maintenances }
    return { platform: 'statuspage', page, ...headline(indicatorOf(root), rowsLevel(parts)), groups, ...parts } satisfies Snapshot
  })
}

export function parseComponents(json: unknown): Result<{ components: Component[]; groups: Group[] }, PollError> {
  return parseGuarded('Statuspage components.json', () => readComponents(requireObject(json, '$')))
}

/** `incidents.json` (the last 50, resolved included) and `incidents/unresolved.json`. */
export function parseIncidents(json: unknown, base: URL, bodyText: BodyText = plainText): Result<Incident[], PollError> {
  return parseGuarded('Statuspage incidents', () => readPageList(json, base, 'incidents', (value, path, page) => readIncident(value, path, page, bodyText)))
}

/** `scheduled-maintenances.json` (completed included) and its `/upcoming.json` and `/active.json` subsets. */
export function parseScheduledMaintenances(json: unknown, base: URL): Result<Maintenance[], PollError> {
  return parseGuarded('Statuspage scheduled maintenances', () => readPageList(json, base, 'scheduled_maintenances', readMaintenance))
}

/** `GET {base}/api/v2/status.json`: the page and its overall indicator. */
export function parseStatus(json: unknown, base: URL): Result<{ page: PageInfo; level: Level }, PollError> {
  return parseGuarded('Statuspage status.json', () => {
    const root = requireObject(json, '$')
    const page = readPage(root, base)
    requireObject(root.status, 'status')
    return { page, level: indicatorOf(root) ?? 'operational' }
  })
}

export const statuspage: ProviderEntry<'statuspage'> = {
  platform: 'statuspage',
  name: 'Statuspage',
  detectionRank: 20,
  hostHints: ['.statuspage.io'],
  catalog: { labels: ['Statuspage'], hosts: [] },
  endpoints: (base) => [{ url: joinUrl(base, SUMMARY_PATH), parse: (json) => parseSummary(json, base) }],
  // The documented lists (the last 50 of each), not a per-incident URL: that one is not public API.
  past: (base) => ({
    incidents: [{ url: joinUrl(base, 'api/v2/incidents.json'), parse: (json) => parseIncidents(json, base), sameUpdateIds: true }],
    maintenances: [{ url: joinUrl(base, 'api/v2/scheduled-maintenances.json'), parse: (json) => parseScheduledMaintenances(json, base), sameUpdateIds: true }],
  }),
}
