import { COMPONENT_STATUS_RANK, type Component, type ComponentStatus, type Group, type Incident, type IncidentStatus, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import type { PollError } from '../poll-error.ts'
import { ok, type Result } from '../result.ts'
import { markdownText } from '../text/markdown.ts'
import { proseMirrorToText, singleLine } from '../text/plain-text.ts'
import type { ProviderEntry } from './provider.ts'
import { componentImpactsUrl, parseComponentImpacts, pastIncidents } from './incidentio-history.ts'
import { isOpenIncident, isPendingMaintenance, parseIncidents, parseSummary, SUMMARY_PATH } from './statuspage.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageLink, pageUrl } from './urls.ts'
import { isRecord, optionalId, optionalList, optionalString, parseGuarded, requireId, requireList, listOrAbsent, requireObject, uniqueById, uniqueStrings, type JsonObject } from '../untrusted.ts'
import { componentStatusOf, impactOfComponentStatus, incidentStatusOf, knownIncidentStatus, knownMaintenanceStatus, maintenanceStatusOf } from './vocabulary.ts'
import { rowsLevel } from './page-level.ts'

/**
 * incident.io pages (OpenAI among them), read from the JSON their own front end loads:
 * `GET {origin}/proxy/{host}`. A component is operational unless `affected_components` lists it;
 * `structure.items` gives order, groups and hidden flags. Their Statuspage-compatible
 * summary.json is lossy (empty update bodies, components missing), so it is only the fallback.
 */

interface Arranged {
  readonly components: Component[]
  readonly groups: Group[]
}

interface ComponentFacts {
  readonly statusOf: (id: string) => ComponentStatus
  /** Names from the flat list, for layout entries that carry none. */
  readonly flatNames: ReadonlyMap<string, string>
}

function structureComponent(value: JsonObject, path: string, groupId: string | null, facts: ComponentFacts): Component {
  const id = requireId(value, 'component_id', path)
  const name = optionalString(value.name) ?? facts.flatNames.get(id) ?? ''
  return { id, name: singleLine(name), groupId, status: facts.statusOf(id) }
}

function flatNamesOf(list: readonly unknown[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const entry of list) {
    const id = isRecord(entry) ? optionalId(entry.id) : null
    const name = isRecord(entry) ? optionalString(entry.name) : null
    if (id !== null && name !== null && !names.has(id)) names.set(id, name)
  }
  return names
}

/** Hidden entries and flat-list components the layout does not place are left out, as the page does; null without a known layout item. */
function readStructure(summary: JsonObject, facts: ComponentFacts): Arranged | null {
  if (!isRecord(summary.structure)) return null
  const components: Component[] = []
  const groups: Group[] = []
  let known = 0
  optionalList(summary.structure.items).forEach((item, index) => {
    const path = `summary.structure.items[${index}]`
    if (!isRecord(item)) return
    if (isRecord(item.group) || isRecord(item.component)) known++
    if (isRecord(item.group)) {
      const group = item.group
      if (group.hidden === true) return
      const id = requireId(group, 'id', `${path}.group`)
      groups.push({ id, name: singleLine(optionalString(group.name) ?? '') })
      optionalList(group.components).forEach((child, childIndex) => {
        const childPath = `${path}.group.components[${childIndex}]`
        const component = requireObject(child, childPath)
        if (component.hidden !== true) components.push(structureComponent(component, childPath, id, facts))
      })
    } else if (isRecord(item.component)) {
      if (item.component.hidden !== true) components.push(structureComponent(item.component, `${path}.component`, null, facts))
    }
    // Other item kinds are future layout features: ignored rather than fatal.
  })
  if (known === 0) return null
  return { components: uniqueById(components), groups: uniqueById(groups) }
}

function readFlatComponents(list: readonly unknown[], statusOf: (id: string) => ComponentStatus): Arranged {
  const components = list.map((value, index): Component => {
    const path = `summary.components[${index}]`
    const component = requireObject(value, path)
    const id = requireId(component, 'id', path)
    return { id, name: singleLine(optionalString(component.name) ?? ''), groupId: null, status: statusOf(id) }
  })
  return { components: uniqueById(components), groups: [] }
}

function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational'
  for (const status of statuses) if (COMPONENT_STATUS_RANK[status] > COMPONENT_STATUS_RANK[worst]) worst = status
  return worst
}

/** `affected_components`: only the non-operational ones; a component listed twice takes its worse status. */
function readAffected(summary: JsonObject): (id: string) => ComponentStatus {
  const statuses = new Map<string, ComponentStatus>()
  for (const entry of listOrAbsent(summary, 'affected_components', 'summary')) {
    if (!isRecord(entry)) continue
    const id = optionalId(entry.component_id)
    if (id === null) continue
    statuses.set(id, worstStatus([statuses.get(id) ?? 'operational', componentStatusOf(entry.status)]))
  }
  return (id) => statuses.get(id) ?? 'operational'
}

interface RawUpdate {
  readonly id: string
  readonly record: JsonObject
  readonly update: Update
  readonly order: number
}

function readUpdates<S extends IncidentStatus | MaintenanceStatus>(
  value: unknown,
  path: string,
  statusOf: (value: unknown) => S | null,
  fallback: S,
): RawUpdate[] {
  const updates = optionalList(value).map((item, index): RawUpdate => {
    const itemPath = `${path}[${index}]`
    const record = requireObject(item, itemPath)
    // The ProseMirror document keeps paragraphs; message_string is its flattened twin, in Markdown.
    const text = proseMirrorToText(record.message) || markdownText(optionalString(record.message_string) ?? '')
    const update: Update = {
      id: requireId(record, 'id', itemPath),
      status: statusOf(record.to_status) ?? fallback,
      text,
      at: parseIsoTime(record.published_at),
    }
    return { id: update.id, record, update, order: index }
  })
  const time = (raw: RawUpdate): number => raw.update.at ?? Number.NEGATIVE_INFINITY
  return uniqueById(updates).sort((a, b) => time(b) - time(a) || a.order - b.order)
}

function componentStatuses(list: unknown, keys: readonly string[]): { id: string; status: ComponentStatus }[] {
  return optionalList(list).flatMap((entry) => {
    if (!isRecord(entry)) return []
    const id = optionalId(entry.component_id)
    if (id === null) return []
    return keys.filter((key) => entry[key] !== undefined && entry[key] !== null).map((key) => ({ id, status: componentStatusOf(entry[key]) }))
  })
}

/** incident.io states no impact: it is the worst component status in the affected components or the latest update. */
function affectedOf(record: JsonObject, updates: readonly RawUpdate[]): { componentIds: string[]; statuses: ComponentStatus[] } {
  const affected = componentStatuses(record.affected_components, ['status', 'current_status'])
  const latest = componentStatuses(updates[0]?.record.component_statuses, ['status'])
  const named = affected.length > 0 ? affected : latest
  return {
    componentIds: uniqueStrings(named.map((entry) => entry.id)),
    statuses: [...affected, ...latest].map((entry) => entry.status),
  }
}

function readIncident(value: unknown, path: string, page: string): Incident {
  const record = requireObject(value, path)
  const id = requireId(record, 'id', path)
  const status = incidentStatusOf(record.status)
  const updates = readUpdates(record.updates, `${path}.updates`, knownIncidentStatus, status)
  const { componentIds, statuses } = affectedOf(record, updates)
  return {
    id,
    name: singleLine(optionalString(record.name) ?? ''),
    status,
    impact: impactOfComponentStatus(worstStatus(statuses)),
    url: pageLink(page, 'incidents', id),
    startedAt: parseIsoTime(record.published_at) ?? parseIsoTime(record.created_at),
    updates: updates.map((raw) => raw.update),
    componentIds,
  }
}

/**
 * No real capture with a maintenance exists, so this reads the field names incident.io's APIs
 * are known to use in either spelling and stays lenient about the rest.
 */
function readMaintenance(value: unknown, path: string, page: string): Maintenance {
  const record = requireObject(value, path)
  const id = requireId(record, 'id', path)
  const status = maintenanceStatusOf(record.status)
  const updates = readUpdates(record.updates, `${path}.updates`, knownMaintenanceStatus, status)
  const { componentIds } = affectedOf(record, updates)
  const firstTime = (...keys: string[]): number | null =>
    keys.map((key) => parseIsoTime(record[key])).find((time) => time !== null) ?? null
  return {
    id,
    name: singleLine(optionalString(record.name) ?? ''),
    status,
    impact: 'maintenance',
    url: pageLink(page, 'incidents', id),
    scheduledFor: firstTime('starts_at', 'scheduled_for', 'start_at', 'scheduled_start'),
    scheduledUntil: firstTime('ends_at', 'scheduled_until', 'end_at', 'scheduled_end'),
    updates: updates.map((raw) => raw.update),
    componentIds,
  }
}

function readEach<T extends { readonly id: string }>(summary: JsonObject, key: string, read: (value: unknown, path: string) => T): T[] {
  return uniqueById(listOrAbsent(summary, key, 'summary').map((value, index) => read(value, `summary.${key}[${index}]`)))
}

export function parseProxySummary(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('incident.io summary', () => {
    const summary = requireObject(requireObject(json, '$').summary, 'summary')
    const page = {
      name: singleLine(optionalString(summary.name) ?? '') || base.hostname,
      url: pageUrl(summary.public_url, base),
    }
    const flat = requireList(summary, 'components', 'summary')
    const statusOf = readAffected(summary)
    const { components, groups } = readStructure(summary, { statusOf, flatNames: flatNamesOf(flat) }) ?? readFlatComponents(flat, statusOf)
    const incidents = readEach(summary, 'ongoing_incidents', (value, path) => readIncident(value, path, page.url)).filter(isOpenIncident)
    const maintenances = readEach(summary, 'scheduled_maintenances', (value, path) => readMaintenance(value, path, page.url)).filter(isPendingMaintenance)
    const parts = { components, incidents, maintenances }
    // No overall word here: the rows alone say the level.
    return { platform: 'incidentio', page, level: rowsLevel(parts), groups, ...parts } satisfies Snapshot
  })
}

export function parseCompatibleSummary(json: unknown, base: URL): Result<Snapshot, PollError> {
  // Its bodies are Markdown (`[support@openai.com](mailto:…)`), where Statuspage's are plain text.
  const parsed = parseSummary(json, base, markdownText)
  return parsed.ok ? ok({ ...parsed.value, platform: 'incidentio' }) : parsed
}

export function proxyUrl(base: URL): string {
  return joinUrl(base.origin, `proxy/${base.hostname}`)
}

export const incidentio: ProviderEntry<'incidentio'> = {
  platform: 'incidentio',
  name: 'incident.io',
  // Before Statuspage: incident.io pages also answer Statuspage's summary.json, lossily.
  detectionRank: 10,
  hostHints: [],
  catalog: { labels: ['incident.io'], hosts: [] },
  endpoints: (base) => [
    { url: proxyUrl(base), parse: (json) => parseProxySummary(json, base) },
    { url: joinUrl(base, SUMMARY_PATH), parse: (json) => parseCompatibleSummary(json, base) },
  ],
  // The compatible incidents.json has the page's words (Markdown); component_impacts only names
  // and times, so it is the fallback.
  past: (base, window) => ({
    incidents: [
      { url: joinUrl(base, 'api/v2/incidents.json'), parse: (json) => parseIncidents(json, base, markdownText), sameUpdateIds: false },
      {
        url: componentImpactsUrl(base, window),
        parse: (json) => {
          const history = parseComponentImpacts(json)
          return history.ok ? ok(pastIncidents(history.value)) : history
        },
        sameUpdateIds: false,
      },
    ],
  }),
}
