import { levelOfComponentStatus, type Component, type ComponentStatus, type Incident, type IncidentStatus, type Level, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import { headline, rowsLevel } from './page-level.ts'
import { err, ok, type Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { plainText, singleLine } from '../text/plain-text.ts'
import { DISCOVERY_BYTES, undiscoveredEndpoint } from './discovery.ts'
import type { Discovery, Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { pageLink } from './urls.ts'
import { isRecord, optionalList, optionalString, parseGuarded, requireId, requireList, requireObject, uniqueById, type JsonObject } from '../untrusted.ts'
import { impactOfComponentStatus } from './vocabulary.ts'

/**
 * status.io's Public Status API, `GET https://api.status.io/1.0/status/<page id>`
 * (kb.status.io/developers/public-status-api): everything under `result`.
 * - Level: the page's own `status_overall`, never better than a component. Open incidents do not
 *   raise it: GitLab's page said "Planned Maintenance" beside an incident whose messages said 400.
 * - Components: `status[]`. Their `containers` (locations: "Google Compute Engine", "AWS") are
 *   left out: status.io rolls them up into the component's own code, and the same container
 *   repeats under every component, so as components they would multiply the list with echoes.
 * - Incidents: `incidents[]` with `messages[]` oldest first; maintenances:
 *   `maintenance.active[]` (in progress) and `maintenance.upcoming[]`.
 * The page id (24 hex, a MongoDB ObjectId) is not on the address people paste (status.gitlab.com):
 * detection finds it on the page (`x-status-page-id` header, `/pages/history/<id>` links) and
 * the page is stored under `https://<host>/pages/history/<id>`, a page status.io serves itself.
 */

export const STATUSIO_API = 'https://api.status.io'

const ID = /^[0-9a-f]{24}$/i
/** Addresses that carry the id: status.io's own page paths and the API's. */
const ID_IN_PATH = /^\/(?:pages\/(?:history\/|incident\/|maintenance\/)?|1\.0\/status\/)([0-9a-f]{24})(?:\/|$)/i
/** In markup: links status.io pages render to their history, incidents and maintenances, or the API. */
const ID_IN_TEXT = /\/pages\/(?:history|incident|maintenance)\/([0-9a-f]{24})(?![0-9a-z])|api\.status\.io\/1\.0\/status\/([0-9a-f]{24})(?![0-9a-z])/i

/** status.io hosts pages itself at status.io/pages/<id>; the API host serves no page. */
function isStatusIoHost(host: string): boolean {
  return host === 'status.io' || host === 'api.status.io'
}

export function pageIdOf(base: URL): string | null {
  return ID_IN_PATH.exec(base.pathname)?.[1]?.toLowerCase() ?? null
}

/** The header first (one value, no markup to trust), then the first link in the markup. */
export function findPageId(headers: Headers, text: string): string | null {
  const header = headers.get('x-status-page-id')?.trim() ?? ''
  if (ID.test(header)) return header.toLowerCase()
  const match = ID_IN_TEXT.exec(text)
  return (match?.[1] ?? match?.[2])?.toLowerCase() ?? null
}

/** The address a page is stored under once its id is known: the history page on its own host. */
export function storedAddress(base: URL, id: string): URL {
  return new URL(`/pages/history/${id}`, isStatusIoHost(base.hostname) ? 'https://status.io' : base.origin)
}

interface Site {
  readonly id: string
  /** Where incident and maintenance pages live: the custom domain, or status.io. */
  readonly origin: string
  readonly page: Snapshot['page']
}

function siteOf(base: URL, id: string): Site {
  if (isStatusIoHost(base.hostname)) return { id, origin: 'https://status.io', page: { name: `status.io ${id}`, url: `https://status.io/pages/${id}` } }
  return { id, origin: base.origin, page: { name: base.hostname, url: base.origin } }
}

/** 100 Operational … 500 Service Disruption, 600 Security Issue; an unknown code says something is off, mildly. */
function componentStatusOfCode(code: unknown): ComponentStatus {
  switch (code) {
    case 100:
      return 'operational'
    case 200:
      return 'under_maintenance'
    case 300:
      return 'degraded_performance'
    // status.io ranks a security issue worst of all, but it says nothing of availability: a disruption, not an outage.
    case 400:
    case 600:
      return 'partial_outage'
    case 500:
      return 'major_outage'
    default:
      return 'degraded_performance'
  }
}

/** Message `state`: 100 investigating, 200 identified, 300 monitoring (status.io's incident steps). */
function incidentStatusOfState(state: unknown): IncidentStatus {
  switch (state) {
    case 200:
      return 'identified'
    case 300:
      return 'monitoring'
    default:
      return 'investigating'
  }
}

/** In the captures, a maintenance's 100 message schedules it and its 200 message starts it; other states are not known. */
function maintenanceStatusOfState(state: unknown, list: MaintenanceStatus): MaintenanceStatus {
  switch (state) {
    case 100:
      return 'scheduled'
    case 200:
      return 'in_progress'
    default:
      return list
  }
}

interface Message {
  readonly state: unknown
  readonly status: unknown
  readonly text: string
  readonly at: number | null
}

/** Oldest first on the wire; a message has no id of its own, so ids count from the oldest and stay put as messages are added. */
function readMessages(item: JsonObject): Message[] {
  return optionalList(item.messages)
    .filter(isRecord)
    .map((message) => ({ state: message.state, status: message.status, text: plainText(optionalString(message.details) ?? ''), at: parseIsoTime(message.datetime) }))
}

function updatesOf(id: string, messages: readonly Message[], statusOf: (message: Message) => Update['status']): Update[] {
  return messages.map((message, index): Update => ({ id: `${id}#${index + 1}`, status: statusOf(message), text: message.text, at: message.at })).reverse()
}

function affectedComponents(item: JsonObject): string[] {
  const ids = optionalList(item.components_affected).flatMap((entry) => {
    const id = isRecord(entry) ? entry._id : null
    return typeof id === 'string' && id.trim() !== '' ? [id] : []
  })
  return [...new Set(ids)]
}

function readIncident(value: unknown, path: string, site: Site): Incident {
  const item = requireObject(value, path)
  const id = requireId(item, '_id', path)
  const messages = readMessages(item)
  const latest = messages.at(-1)
  return {
    id,
    name: singleLine(optionalString(item.name) ?? '') || 'Incident',
    status: incidentStatusOfState(latest?.state),
    // The latest message's code states the incident's weight; without one it is listed, so minor.
    impact: latest === undefined ? 'minor' : impactOfComponentStatus(componentStatusOfCode(latest.status)),
    url: pageLink(site.origin, `pages/incident/${site.id}`, id),
    startedAt: parseIsoTime(item.datetime_open),
    updates: updatesOf(id, messages, (message) => incidentStatusOfState(message.state)),
    componentIds: affectedComponents(item),
  }
}

function readMaintenance(value: unknown, path: string, site: Site, list: MaintenanceStatus): Maintenance {
  const item = requireObject(value, path)
  const id = requireId(item, '_id', path)
  const messages = readMessages(item)
  return {
    id,
    name: singleLine(optionalString(item.name) ?? '') || 'Maintenance',
    // Which list it is in says where it stands; messages only tell its history.
    status: list,
    impact: 'maintenance',
    url: pageLink(site.origin, `pages/maintenance/${site.id}`, id),
    scheduledFor: parseIsoTime(item.datetime_planned_start),
    scheduledUntil: parseIsoTime(item.datetime_planned_end),
    updates: updatesOf(id, messages, (message) => maintenanceStatusOfState(message.state, list)),
    componentIds: affectedComponents(item),
  }
}

function levelOfOverall(code: unknown): Level {
  return levelOfComponentStatus(componentStatusOfCode(code))
}

export function parseStatusIo(json: unknown, base: URL, id: string): Result<Snapshot, PollError> {
  const site = siteOf(base, id)
  return parseGuarded('status.io status', () => {
    const root = requireObject(requireObject(json, '$').result, '$.result')
    const overall = requireObject(root.status_overall, '$.result.status_overall')
    const components = uniqueById(
      requireList(root, 'status', '$.result').map((value, index): Component => {
        const path = `$.result.status[${index}]`
        const item = requireObject(value, path)
        const componentId = requireId(item, 'id', path)
        return { id: componentId, name: singleLine(optionalString(item.name) ?? '') || componentId, groupId: null, status: componentStatusOfCode(item.status_code) }
      }),
    )
    const incidents = uniqueById(requireList(root, 'incidents', '$.result').map((value, index) => readIncident(value, `$.result.incidents[${index}]`, site)))
    const maintenance = requireObject(root.maintenance, '$.result.maintenance')
    const active = requireList(maintenance, 'active', '$.result.maintenance').map((value, index) => readMaintenance(value, `$.result.maintenance.active[${index}]`, site, 'in_progress'))
    const upcoming = requireList(maintenance, 'upcoming', '$.result.maintenance').map((value, index) => readMaintenance(value, `$.result.maintenance.upcoming[${index}]`, site, 'scheduled'))
    // A maintenance in both lists is in progress.
    const maintenances = uniqueById([...active, ...upcoming])
    return {
      platform: 'statusio',
      page: site.page,
      ...headline(levelOfOverall(overall.status_code), rowsLevel({ components, incidents, maintenances })),
      components,
      groups: [],
      incidents,
      maintenances,
    } satisfies Snapshot
  })
}

function apiEndpoint(base: URL, id: string): Endpoint {
  return { url: `${STATUSIO_API}/1.0/status/${id}`, parse: (json) => parseStatusIo(json, base, id) }
}

const DISCOVERY: Discovery = {
  needed: (base) => pageIdOf(base) === null,
  maxBytes: DISCOVERY_BYTES,
  find: (page) => {
    const id = findPageId(page.headers, page.text)
    return id === null ? err('no status.io page id in the page’s headers or links') : ok(storedAddress(page.base, id))
  },
}
const NO_ID = { missing: 'status.io: the address has no page id', none: 'no status.io page id on the page either' }

export const statusio: ProviderEntry<'statusio'> = {
  platform: 'statusio',
  name: 'status.io',
  // After the platforms read from the page's own host, before the feed fallback: it costs a read of the page.
  detectionRank: 90,
  hostHints: ['status.io', '.status.io'],
  catalog: { labels: ['status.io'], hosts: [] },
  endpoints: (base) => {
    const id = pageIdOf(base)
    return id === null ? [undiscoveredEndpoint(base, DISCOVERY, NO_ID)] : [apiEndpoint(base, id)]
  },
  discover: DISCOVERY,
}
