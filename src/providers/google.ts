import { COMPONENT_STATUS_RANK, worstLevel, type Component, type ComponentStatus, type Impact, type Incident, type Snapshot, type Update } from '../model.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { singleLine } from '../text/plain-text.ts'
import { markdownText } from '../text/markdown.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { updatesByTime } from './timed-updates.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageLink, pageUrl } from './urls.ts'
import { levelOfImpact } from './vocabulary.ts'
import { boundedList, fail, isRecord, optionalId, optionalString, parseGuarded, requireId, requireObject, uniqueById, type JsonObject } from '../untrusted.ts'

/**
 * Google's status dashboards, `GET {base}/incidents.json`: Google Cloud at status.cloud.google.com,
 * Google Workspace at www.google.com/appsstatus/dashboard. The body is the whole history (1.3 MB
 * and growing), newest first: an incident without `end` is ongoing, the rest are skipped after
 * one look at `end`. Impact is `status_impact` (SERVICE_INFORMATION / _DISRUPTION / _OUTAGE)
 * weighed by `severity` (low / medium / high).
 *
 * Google publishes its product list apart (products.json), so the components are the
 * `affected_products` that ongoing incidents name, as for Slack's services: a product leaves the
 * list when no ongoing incident names it, which diff.ts forgets silently rather than calling a
 * recovery. Locations are not read: products are what people filter on.
 */

export const GOOGLE_INCIDENTS_PATH = 'incidents.json'
/** Room for years of history: the 2 MiB default would start failing as the file grows. */
export const GOOGLE_MAX_BYTES = 8 * 1024 * 1024
const WORKSPACE_HOST = 'www.google.com'
/** A hostile body may leave every incident open: more than this many is not news but noise. */
const MAX_OPEN = 100
const MAX_UPDATES = 50
const MAX_PRODUCTS = 100

const OUTAGE = 'SERVICE_OUTAGE'
const DISRUPTION = 'SERVICE_DISRUPTION'

/** Outage: major, critical when severe; disruption: minor, major when severe; information or a word Google adds later: minor. */
function impactOf(statusImpact: unknown, severity: unknown): Impact {
  const kind = typeof statusImpact === 'string' ? statusImpact.trim().toUpperCase() : ''
  const high = typeof severity === 'string' && severity.trim().toLowerCase() === 'high'
  if (kind === OUTAGE) return high ? 'critical' : 'major'
  if (kind === DISRUPTION) return high ? 'major' : 'minor'
  return 'minor'
}

const COMPONENT_OF: Readonly<Record<Impact, ComponentStatus>> = {
  none: 'operational',
  maintenance: 'under_maintenance',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
}

/** Absent, null or blank: ongoing. A time: over. Anything else is not Google's shape. */
function isOngoing(item: JsonObject, path: string): boolean {
  const end = item.end
  if (end === undefined || end === null) return true
  if (typeof end === 'string') return end.trim() === ''
  return fail(`${path}.end`, 'a time, or nothing while ongoing')
}

/** `incidents/abc`, relative to the dashboard: linked on the page's own site, nowhere else. */
function incidentLink(uri: unknown, page: string): string | null {
  const match = typeof uri === 'string' ? /^\/?incidents\/([A-Za-z0-9_-]{1,200})$/.exec(uri.trim()) : null
  return match?.[1] === undefined ? null : pageLink(page, 'incidents', match[1])
}

interface Product {
  readonly id: string
  readonly name: string
}

function readProducts(value: unknown): Product[] {
  const products = boundedList(value, MAX_PRODUCTS).flatMap((product): Product[] => {
    if (!isRecord(product)) return []
    const name = singleLine(optionalString(product.title) ?? '')
    const id = optionalId(product.id) ?? name
    return id === '' ? [] : [{ id, name: name || id }]
  })
  return uniqueById(products)
}

/** Updates carry no id: known by their time (timed-updates.ts). */
function readUpdates(item: JsonObject): Update[] {
  const listed = boundedList(item.updates, MAX_UPDATES).filter(isRecord)
  const latest = isRecord(item.most_recent_update) ? [item.most_recent_update] : []
  const updates = (listed.length > 0 ? listed : latest).map((update) => ({ at: parseIsoTime(update.when) ?? parseIsoTime(update.created), text: markdownText(optionalString(update.text) ?? '') }))
  return updatesByTime(updates, 'investigating', 'update')
}

interface Open {
  readonly incident: Incident
  readonly products: readonly Product[]
  readonly component: ComponentStatus
}

function readOpen(item: JsonObject, path: string, page: string): Open {
  const id = requireId(item, 'id', path)
  const impact = impactOf(item.status_impact, item.severity)
  const products = readProducts(item.affected_products)
  const name = singleLine(optionalString(item.external_desc) ?? '') || singleLine(optionalString(item.service_name) ?? '') || 'Google incident'
  const incident: Incident = {
    id,
    name,
    status: 'investigating',
    impact,
    url: incidentLink(item.uri, page),
    startedAt: parseIsoTime(item.begin) ?? parseIsoTime(item.created),
    updates: readUpdates(item),
    componentIds: products.map((product) => product.id),
  }
  return { incident, products, component: COMPONENT_OF[impact] }
}

/** Each product once, in order of first mention, with the worst status any ongoing incident gives it. */
function productsAsComponents(open: readonly Open[]): Component[] {
  const byId = new Map<string, Component>()
  for (const { products, component } of open) {
    for (const product of products) {
      const known = byId.get(product.id)
      if (known === undefined) byId.set(product.id, { id: product.id, name: product.name, groupId: null, status: component })
      else if (COMPONENT_STATUS_RANK[component] > COMPONENT_STATUS_RANK[known.status]) byId.set(product.id, { ...known, status: component })
    }
  }
  return [...byId.values()]
}

export function parseGoogleIncidents(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('Google incidents.json', () => {
    const list = Array.isArray(json) ? json : fail('$', 'a list of incidents')
    const page = pageUrl(null, base)
    const open: Open[] = []
    const seen = new Set<string>()
    // One pass; resolved incidents cost a look at `end` only.
    for (let index = 0; index < list.length && open.length < MAX_OPEN; index++) {
      const path = `$[${index}]`
      const item = requireObject(list[index], path)
      if (!isOngoing(item, path)) continue
      const read = readOpen(item, path, page)
      if (seen.has(read.incident.id)) continue
      seen.add(read.incident.id)
      open.push(read)
    }
    const incidents = open.map((entry) => entry.incident)
    return {
      platform: 'google',
      page: { name: base.hostname.toLowerCase() === WORKSPACE_HOST ? 'Google Workspace' : 'Google Cloud', url: page },
      level: worstLevel(incidents.map((incident) => levelOfImpact(incident.impact))),
      components: productsAsComponents(open),
      groups: [],
      incidents,
      maintenances: [],
    } satisfies Snapshot
  })
}

function incidentsEndpoint(base: URL): Endpoint {
  return { url: joinUrl(base, GOOGLE_INCIDENTS_PATH), maxBytes: GOOGLE_MAX_BYTES, parse: (json) => parseGoogleIncidents(json, base) }
}

/** Two sites only: tried first on Google's status hosts, never on a pasted page elsewhere. */
export const google: ProviderEntry<'google'> = {
  platform: 'google',
  name: 'Google Cloud',
  detectionRank: null,
  // Hints name hosts, not paths: another www.google.com address fails here and goes on to the rest.
  hostHints: ['status.cloud.google.com', WORKSPACE_HOST],
  // The list labels both "custom (incidents.json)", like custom pages this build does not read.
  catalog: { labels: [], hosts: ['status.cloud.google.com', WORKSPACE_HOST] },
  endpoints: (base) => [incidentsEndpoint(base)],
}
