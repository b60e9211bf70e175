import { type Component, type ComponentStatus, type Group, type Incident, type IncidentStatus, type Level, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import { ok, type Result } from '../result.ts'
import { mentionedOnPage } from './discovery.ts'
import { withRows } from './page-level.ts'
import type { PollError } from '../poll-error.ts'
import { plainText, singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageUrl, safeLink } from './urls.ts'
import { fail, isRecord, optionalId, optionalList, optionalString, parseGuarded, requireList, requireObject, uniqueById, uniqueStrings, type JsonObject } from '../untrusted.ts'

/**
 * Sorry™ (sorryapp.com): every page serves a public read API on its own host
 * (status.sorryapp.com/api, "Service Status API"): `GET /api/v1/status` (the page and its own
 * `state`: operational, degraded, under_maintenance), `/api/v1/components` and `/api/v1/notices`.
 * - Level: the page's own state, never better than a component.
 * - Components: `components[]`; a component with `parent_id` sits in its parent's group.
 * - Notices: `type` unplanned → incidents (investigating, identified, recovering; resolved and
 *   false_alarm are closed), planned → maintenances (scheduled, underway; complete and cancelled
 *   are closed). A notice has no impact of its own: an open one is `minor`. The list is read as
 *   its first page, newest first; the public page's list key is read as `notices` (as its
 *   components are under `components`) or `response` (the account API's form of the same objects).
 * Detection: a page on its customer's domain (status.pingdom.com) is recognised by naming
 * sorryapp.com in its HTML, then confirmed by `/api/v1/status`.
 */

/** Sorry's ids are integers; a string id is taken as given. */
function requireSorryId(object: JsonObject, key: string, path: string): string {
  const value = object[key]
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
  if (typeof value === 'string' && value.trim() !== '') return value
  return fail(`${path}.${key}`, 'an id')
}

/** `degraded` is what a component shows while a notice names it; `partially-degraded` is the account API's milder word. */
function componentStatusOf(value: unknown): ComponentStatus {
  switch (value) {
    case 'operational':
      return 'operational'
    case 'under_maintenance':
      return 'under_maintenance'
    case 'degraded':
      return 'partial_outage'
    default:
      return 'degraded_performance'
  }
}

function levelOfPageState(value: unknown): Level {
  switch (value) {
    case 'operational':
      return 'operational'
    case 'under_maintenance':
      return 'maintenance'
    default:
      return 'minor'
  }
}

function incidentStatusOf(state: unknown): IncidentStatus | null {
  switch (state) {
    case 'resolved':
    case 'false_alarm':
      return null
    case 'identified':
      return 'identified'
    case 'recovering':
      return 'monitoring'
    default:
      return 'investigating'
  }
}

function maintenanceStatusOf(state: unknown): MaintenanceStatus | null {
  switch (state) {
    case 'complete':
    case 'cancelled':
      return null
    case 'underway':
      return 'in_progress'
    default:
      return 'scheduled'
  }
}

/** Only a link on the page's own site: a notice's `link` is hostile text. */
function ownLink(value: unknown, base: URL): string | null {
  const link = safeLink(value)
  return link !== null && new URL(link).hostname === base.hostname ? link : null
}

export function parseSorryStatus(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('Sorry status', () => {
    const page = requireObject(requireObject(json, '$').page, '$.page')
    if (typeof page.state !== 'string') fail('$.page.state', 'a string')
    return {
      platform: 'sorry',
      page: { name: singleLine(optionalString(page.name) ?? '') || base.hostname, url: pageUrl(page.url, base) },
      level: levelOfPageState(page.state),
      components: [],
      groups: [],
      incidents: [],
      maintenances: [],
    } satisfies Snapshot
  })
}

export function parseSorryComponents(json: unknown): Result<{ components: Component[]; groups: Group[] }, PollError> {
  return parseGuarded('Sorry components', () => {
    const items = requireList(requireObject(json, '$'), 'components', '$').map((value, index) => {
      const path = `$.components[${index}]`
      const item = requireObject(value, path)
      const id = requireSorryId(item, 'id', path)
      return { id, name: singleLine(optionalString(item.name) ?? '') || id, parentId: optionalId(item.parent_id), status: componentStatusOf(item.state) }
    })
    const names = new Map(items.map((item) => [item.id, item.name]))
    const parents = new Set(items.flatMap((item) => (item.parentId !== null && names.has(item.parentId) ? [item.parentId] : [])))
    const groups = [...parents].map((id): Group => ({ id, name: names.get(id) ?? id }))
    const components = items.map((item): Component => ({ id: item.id, name: item.name, groupId: item.parentId !== null && parents.has(item.parentId) ? item.parentId : null, status: item.status }))
    return { components: uniqueById(components), groups }
  })
}

interface Notices {
  readonly incidents: Incident[]
  readonly maintenances: Maintenance[]
}

function componentIdsOf(item: JsonObject): string[] {
  return uniqueStrings(optionalList(item.components).flatMap((entry) => {
    const id = isRecord(entry) ? optionalId(entry.id) : optionalId(entry)
    return id === null ? [] : [id]
  }))
}

export function parseSorryNotices(json: unknown, base: URL): Result<Notices, PollError> {
  return parseGuarded('Sorry notices', () => {
    const root = requireObject(json, '$')
    const key = Array.isArray(root.notices) || !Array.isArray(root.response) ? 'notices' : 'response'
    const incidents: Incident[] = []
    const maintenances: Maintenance[] = []
    requireList(root, key, '$').forEach((value, index) => {
      const path = `$.${key}[${index}]`
      const item = requireObject(value, path)
      const id = requireSorryId(item, 'id', path)
      const name = singleLine(optionalString(item.subject) ?? '')
      const synopsis = plainText(optionalString(item.synopsis) ?? '')
      const url = ownLink(item.link, base)
      const componentIds = componentIdsOf(item)
      const at = parseIsoTime(item.updated_at) ?? parseIsoTime(item.created_at)
      // A notice's one text is its synopsis: one update, in the notice's status.
      const updatesIn = (status: Update['status']): Update[] => (synopsis === '' ? [] : [{ id: `${id}#1`, status, text: synopsis, at }])
      if (item.type === 'planned') {
        const status = maintenanceStatusOf(item.state)
        if (status === null) return
        maintenances.push({ id, name: name || 'Maintenance', status, impact: 'maintenance', url, scheduledFor: parseIsoTime(item.begins_at), scheduledUntil: parseIsoTime(item.ends_at), updates: updatesIn(status), componentIds })
      } else if (item.type === 'unplanned') {
        const status = incidentStatusOf(item.state)
        if (status === null) return
        incidents.push({ id, name: name || 'Incident', status, impact: 'minor', url, startedAt: parseIsoTime(item.began_at) ?? parseIsoTime(item.created_at), updates: updatesIn(status), componentIds })
      } else {
        fail(`${path}.type`, '"planned" or "unplanned"')
      }
    })
    return { incidents: uniqueById(incidents), maintenances: uniqueById(maintenances) }
  })
}

export function mergeSorryComponents(snapshot: Snapshot, json: unknown): Result<Snapshot, PollError> {
  const parsed = parseSorryComponents(json)
  return parsed.ok ? ok(withRows(snapshot, parsed.value)) : parsed
}

export function mergeSorryNotices(snapshot: Snapshot, json: unknown, base: URL): Result<Snapshot, PollError> {
  const parsed = parseSorryNotices(json, base)
  return parsed.ok ? ok(withRows(snapshot, parsed.value)) : parsed
}

function statusEndpoint(base: URL): Endpoint {
  return {
    url: joinUrl(base, 'api/v1/status'),
    parse: (json) => parseSorryStatus(json, base),
    companions: [
      { url: joinUrl(base, 'api/v1/components'), merge: mergeSorryComponents },
      { url: joinUrl(base, 'api/v1/notices'), merge: (snapshot, json) => mergeSorryNotices(snapshot, json, base) },
    ],
  }
}

/**
 * A page that names sorryapp.com (its scripts, its "Powered by" link) is asked for its status;
 * any other is not, so detection costs other pages no request: the page is the one status.io
 * reads (same budget, read once).
 */

const OWN_HOSTS = ['.sorryapp.com']

export const sorry: ProviderEntry<'sorry'> = {
  platform: 'sorry',
  name: 'Sorry',
  // After status.io, whose page read it shares, before the feed fallback.
  detectionRank: 95,
  hostHints: OWN_HOSTS,
  catalog: { labels: ['Sorry'], hosts: [] },
  endpoints: (base) => [statusEndpoint(base)],
  discover: mentionedOnPage(/sorryapp\.com/i, 'sorryapp.com', OWN_HOSTS),
}
