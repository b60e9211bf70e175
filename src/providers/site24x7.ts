import { type Component, type ComponentStatus, type Group, type Incident, type IncidentStatus, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import { mentionedOnPage } from './discovery.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { htmlToText, singleLine } from '../text/plain-text.ts'
import { boundedList, fail, isRecord, optionalId, optionalNumber, optionalString, parseGuarded, requireId, requireList, requireObject, uniqueById, uniqueStrings, type JsonObject } from '../untrusted.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { pageUrl } from './urls.ts'
import { impactOfComponentStatus } from './vocabulary.ts'
import { rowsLevel } from './page-level.ts'

/**
 * Site24x7 StatusIQ pages: `GET {site}/sp/api/u/summary_details`, the one call Zoho's own StatusIQ
 * SDKs make. `{code: 0, data}`; `data.current_status` lists components, a group carrying its
 * members in `componentgroup_components`; `data.active_incident_details` holds what is open,
 * incidents and maintenances alike, each with its status updates newest first. Statuses are
 * numbers: components 1–6, updates 10–14 (incidents) and 21–24 (maintenances). Times are
 * `2026-11-30T09:35:00+0000`. The summary names no page and links no incident: both are the page.
 */

const SUMMARY_PATH = '/sp/api/u/summary_details'
const MAX_COMPONENTS = 2000
const MAX_EVENTS = 500
const MAX_UPDATES = 200

/** Zoho's SDK table; 2 is informational: a note, every system up. */
const COMPONENT_STATUS_IDS: Readonly<Record<number, ComponentStatus>> = { 1: 'operational', 2: 'operational', 4: 'under_maintenance', 5: 'partial_outage', 6: 'major_outage' }

/** An unknown code says something is off, the mildest way. */
function componentStatusOf(code: unknown): ComponentStatus {
  return (typeof code === 'number' ? COMPONENT_STATUS_IDS[code] : undefined) ?? 'degraded_performance'
}

const INCIDENT_STATUS_IDS: Readonly<Record<number, IncidentStatus>> = { 10: 'investigating', 11: 'investigating', 12: 'identified', 13: 'monitoring', 14: 'resolved' }
const MAINTENANCE_STATUS_IDS: Readonly<Record<number, MaintenanceStatus>> = { 21: 'scheduled', 22: 'in_progress', 23: 'verifying', 24: 'completed' }

function isMaintenanceCode(code: number | null): boolean {
  return code !== null && code >= 20 && code < 30
}

interface RawUpdate {
  readonly code: number | null
  readonly text: string
  readonly at: number | null
  readonly stamp: string
}

function readUpdates(list: readonly unknown[], path: string): RawUpdate[] {
  return list.map((item, index) => {
    const update = requireObject(item, `${path}[${index}]`)
    const stamp = optionalString(update.status_updated_at) ?? ''
    return { code: optionalNumber(update.incident_status_id), text: htmlToText(optionalString(update.incident_status_desc) ?? ''), at: parseIsoTime(stamp), stamp: stamp.slice(0, 40) }
  })
}

/** Oldest first, so an update whose code we do not know keeps the status before it. */
function statusTrail<S extends IncidentStatus | MaintenanceStatus>(id: string, raw: readonly RawUpdate[], table: Readonly<Record<number, S>>, initial: S): { updates: Update[]; status: S } {
  const oldestFirst: Update[] = []
  let status = initial
  for (let index = raw.length - 1; index >= 0; index--) {
    const update = raw[index]
    if (update === undefined) continue
    status = (update.code === null ? undefined : table[update.code]) ?? status
    // The payload gives updates no ids: their stamp names them, as it names them on the page.
    oldestFirst.push({ id: `${id}@${update.stamp || String(index)}`, status, text: update.text, at: update.at })
  }
  return { updates: oldestFirst.reverse(), status }
}

function nameKey(group: string, name: string): string {
  return `${group}\u0000${name}`
}

interface Components {
  readonly components: Component[]
  readonly groups: Group[]
  /** By group name and component name: incidents name what they affect, not its id. */
  readonly idsByName: Map<string, string>
}

function readComponents(list: readonly unknown[]): Components {
  const components: Component[] = []
  const groups: Group[] = []
  const idsByName = new Map<string, string>()
  const add = (item: JsonObject, path: string, group: Group | null): void => {
    if (components.length >= MAX_COMPONENTS) return
    const id = requireId(item, 'enc_component_id', path)
    const name = singleLine(optionalString(item.display_name) ?? '') || id
    components.push({ id, name, groupId: group?.id ?? null, status: componentStatusOf(item.component_status) })
    idsByName.set(nameKey(group?.name ?? '', name), id)
    if (!idsByName.has(nameKey('*', name))) idsByName.set(nameKey('*', name), id)
  }
  list.forEach((item, index) => {
    const path = `data.current_status[${index}]`
    const row = requireObject(item, path)
    if (!Array.isArray(row.componentgroup_components)) return add(row, path, null)
    const id = optionalId(row.enc_componentgroup_id) ?? fail(`${path}.enc_componentgroup_id`, 'an id')
    const group = { id, name: singleLine(optionalString(row.componentgroup_display_name) ?? '') || id }
    groups.push(group)
    boundedList(row.componentgroup_components, MAX_COMPONENTS).forEach((member, memberIndex) => {
      const memberPath = `${path}.componentgroup_components[${memberIndex}]`
      add(requireObject(member, memberPath), memberPath, group)
    })
  })
  return { components: uniqueById(components), groups: uniqueById(groups), idsByName }
}

/** `list` as the event sends it: anything but a list affects nothing. */
function affectedIds(list: unknown, idsByName: ReadonlyMap<string, string>): string[] {
  return uniqueStrings(
    boundedList(list, MAX_COMPONENTS).flatMap((item) => {
      if (!isRecord(item)) return []
      const name = singleLine(optionalString(item.display_name) ?? '')
      const group = singleLine(optionalString(item.componentgroup_display_name) ?? '')
      const id = idsByName.get(nameKey(group, name)) ?? idsByName.get(nameKey('*', name))
      return id === undefined ? [] : [id]
    }),
  )
}

export function parseSite24x7(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('Site24x7 summary_details', () => {
    const root = requireObject(json, 'root')
    if (root.code !== undefined && root.code !== 0) fail('code', '0 (success)')
    const data = requireObject(root.data, 'data')
    const { components, groups, idsByName } = readComponents(requireList(data, 'current_status', 'data'))
    const page = pageUrl(null, base)
    const incidents: Incident[] = []
    const maintenances: Maintenance[] = []
    const events = requireList(data, 'active_incident_details', 'data').slice(0, MAX_EVENTS)
    events.forEach((item, index) => {
      const path = `data.active_incident_details[${index}]`
      const event = requireObject(item, path)
      const id = requireId(event, 'enc_inc_id', path)
      const raw = readUpdates(boundedList(event.incident_status_updates, MAX_UPDATES), `${path}.incident_status_updates`)
      const common = {
        id,
        name: singleLine(optionalString(event.incident_title) ?? '') || 'Incident',
        url: page,
        componentIds: affectedIds(event.incident_affected_components, idsByName),
      }
      const began = parseIsoTime(event.incident_began_at)
      if (raw.some((update) => isMaintenanceCode(update.code)) || event.incident_type === 2) {
        const trail = statusTrail(id, raw, MAINTENANCE_STATUS_IDS, 'scheduled')
        if (trail.status === 'completed') return
        maintenances.push({ ...common, ...trail, impact: 'maintenance', scheduledFor: began, scheduledUntil: null })
      } else {
        const trail = statusTrail(id, raw, INCIDENT_STATUS_IDS, 'investigating')
        // Listed as active but its newest update says resolved: not open.
        if (trail.status === 'resolved') return
        const impact = impactOfComponentStatus(componentStatusOf(event.incident_severity_id))
        incidents.push({ ...common, ...trail, impact: impact === 'maintenance' || impact === 'none' ? 'minor' : impact, startedAt: began ?? trail.updates[trail.updates.length - 1]?.at ?? null })
      }
    })
    return {
      platform: 'site24x7' as const,
      page: { name: base.hostname, url: page },
      level: rowsLevel({ components, incidents, maintenances }),
      components,
      groups,
      incidents: uniqueById(incidents),
      maintenances: uniqueById(maintenances),
    }
  })
}

function summaryEndpoint(base: URL): Endpoint {
  return { url: new URL(SUMMARY_PATH, base).href, parse: (json) => parseSite24x7(json, base) }
}

const HOSTS = ['status.site24x7.com', 'status.canonical.com']

export const site24x7: ProviderEntry<'site24x7'> = {
  platform: 'site24x7',
  name: 'Site24x7',
  detectionRank: 98,
  // Site24x7's own page and the catalog's StatusIQ page on a customer domain.
  hostHints: [...HOSTS],
  catalog: { labels: ['Site24x7'], hosts: [] },
  endpoints: (base) => [summaryEndpoint(base)],
  // Elsewhere, a StatusIQ page names its maker (page scripts and "Powered by Site24x7 StatusIQ").
  discover: mentionedOnPage(/site24x7|statusiq/i, 'Site24x7 StatusIQ', HOSTS),
}
