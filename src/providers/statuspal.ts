import { levelOfComponentStatus, worstLevel, type Component, type ComponentStatus, type Group, type Incident, type IncidentStatus, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import { headline, rowsLevel } from './page-level.ts'
import { err, ok, type Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { plainText, singleLine } from '../text/plain-text.ts'
import { undiscoveredEndpoint } from './discovery.ts'
import type { Discovery, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { pageLink } from './urls.ts'
import { fail, isRecord, listOrAbsent, optionalId, optionalList, optionalString, parseGuarded, requireList, requireObject, uniqueById, uniqueStrings, type JsonObject } from '../untrusted.ts'
import { impactOfComponentStatus } from './vocabulary.ts'

/**
 * Statuspal's public API v2, `GET https://statuspal.io/api/v2/status_pages/<subdomain>/summary`
 * (US servers) or `https://statuspal.eu/…` (EU servers), statuspal.io/api-docs/v2:
 * - Level: `status_page.current_incident_type` (and the root's `current_status_type` where sent):
 *   null is healthy, `minor`, `major`, `scheduled`; real pages also send `performance` and `info`.
 *   Never better than a service.
 * - Components: `services[]`; a service with `children` is a group of them (Exoscale's zones).
 * - Incidents: `incidents[]`, each with `updates[]` newest first; maintenances: `maintenances[]`
 *   (in progress) and `upcoming_maintenances[]`. Times carry no zone: UTC (the API docs say so).
 * The API is addressed by the page's Statuspal subdomain and region, which a custom domain
 * (status.unity.com) does not show: detection looks for them in the page's markup (links to
 * `<subdomain>.statuspal.io` or the API) and stores the page as `https://<subdomain>.statuspal.<io|eu>/`,
 * an address Statuspal serves itself, so polls never read the page.
 */

export type Region = 'io' | 'eu'

export interface PageKey {
  readonly subdomain: string
  readonly region: Region
}

/** One DNS label, as Statuspal subdomains are. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
/** Statuspal's own hosts under its domains, which are no customer's page. */
const RESERVED = new Set(['www', 'api', 'app', 'next', 'docs', 'blog', 'help', 'status'])
const API_PATH = /^\/api\/v[12]\/status_pages\/([^/]+)(?:\/|$)/i

/** Custom domains of the catalog whose subdomain is on record: Exoscale's own CLI reads `statuspal.eu/api/v2/status_pages/exoscalestatus`. */
const KNOWN_PAGES: Readonly<Record<string, PageKey>> = {
  'exoscalestatus.com': { subdomain: 'exoscalestatus', region: 'eu' },
}

function regionOf(tld: string): Region | null {
  return tld === 'io' || tld === 'eu' ? tld : null
}

function subdomainOf(label: string): string | null {
  const lower = label.toLowerCase()
  return LABEL.test(lower) && !RESERVED.has(lower) ? lower : null
}

/** The key in a Statuspal address: `<subdomain>.statuspal.io`, or the API's path on `statuspal.eu`. */
export function pageKeyOf(base: URL): PageKey | null {
  const parts = base.hostname.toLowerCase().split('.')
  const [first, second, third] = parts
  if (parts.length === 3 && second === 'statuspal' && first !== undefined && third !== undefined) {
    const region = regionOf(third)
    const subdomain = subdomainOf(first)
    return region === null || subdomain === null ? null : { subdomain, region }
  }
  if (parts.length === 2 && first === 'statuspal' && second !== undefined) {
    const region = regionOf(second)
    const label = API_PATH.exec(base.pathname)?.[1]
    const subdomain = label === undefined ? null : subdomainOf(label)
    return region === null || subdomain === null ? null : { subdomain, region }
  }
  return null
}

export function storedAddress(key: PageKey): URL {
  return new URL(`https://${key.subdomain}.statuspal.${key.region}/`)
}

const SUBDOMAIN_CHAR = /[a-z0-9-]/
const API_IN_TEXT = /^\/api\/v[12]\/status_pages\/([a-z0-9-]{1,63})/
/** Enough for a page's head and its first links; the page itself is never parsed further. */
export const DISCOVERY_BYTES = 256 * 1024

/**
 * The first `https://<subdomain>.statuspal.<io|eu>` or `statuspal.<io|eu>/api/v…/status_pages/<subdomain>`
 * in the markup. A scan for the literal `statuspal.` and bounded looks around it, not a regex over
 * the page: a pattern starting with `[a-z0-9-]+` retries every letter of a long run (quadratic).
 */
export function findPageKey(text: string): PageKey | null {
  const lower = text.toLowerCase()
  for (let at = lower.indexOf('statuspal.'); at !== -1; at = lower.indexOf('statuspal.', at + 1)) {
    const region = regionOf(lower.slice(at + 10, at + 12))
    const next = lower.charAt(at + 12)
    if (region === null || SUBDOMAIN_CHAR.test(next) || next === '.') continue
    if (lower.charAt(at - 1) === '.') {
      let start = at - 1
      while (start > 0 && at - 1 - start < 64 && SUBDOMAIN_CHAR.test(lower.charAt(start - 1))) start--
      const subdomain = lower.slice(start - 2, start) === '//' ? subdomainOf(lower.slice(start, at - 1)) : null
      if (subdomain !== null) return { subdomain, region }
    } else {
      const label = API_IN_TEXT.exec(lower.slice(at + 12, at + 12 + 96))?.[1]
      const subdomain = label === undefined ? null : subdomainOf(label)
      if (subdomain !== null) return { subdomain, region }
    }
  }
  return null
}



/** `null` is healthy; an unknown word (`performance`, `info`, a custom type) says something is off, mildly. */
function componentStatusOfType(type: unknown): ComponentStatus {
  switch (type) {
    case null:
    case undefined:
      return 'operational'
    case 'major':
      return 'partial_outage'
    case 'scheduled':
    case 'maintenance':
      return 'under_maintenance'
    default:
      return 'degraded_performance'
  }
}

/** `issue` opens an incident; `update` and `info` say nothing of its state. */
function knownUpdateStatus(type: unknown): IncidentStatus | null {
  switch (type) {
    case 'issue':
    case 'investigating':
      return 'investigating'
    case 'identified':
    case 'monitoring':
    case 'resolved':
      return type
    default:
      return null
  }
}

/** Ids are numbers on the wire; a missing one fails the page. */
function requireNumberId(item: JsonObject, key: string, path: string): string {
  return optionalId(item[key]) ?? fail(`${path}.${key}`, 'an id')
}

interface Post {
  /** The status its type states, if any. */
  readonly status: IncidentStatus | null
  readonly text: string
  readonly at: number | null
  readonly id: string | null
}

/** Newest first on the wire, as in the model. */
function readPosts(item: JsonObject): Post[] {
  return optionalList(item.updates)
    .filter(isRecord)
    .map((update) => ({
      status: knownUpdateStatus(update.type),
      text: plainText(optionalString(update.description) ?? ''),
      at: parseIsoTime(update.posted_at) ?? parseIsoTime(update.inserted_at),
      id: optionalId(update.id),
    }))
}

function updatesOf(id: string, posts: readonly Post[], statusOf: (post: Post) => Update['status']): Update[] {
  return posts.map((post, index): Update => ({ id: post.id ?? `${id}#${posts.length - index}`, status: statusOf(post), text: post.text, at: post.at }))
}

function affected(item: JsonObject, components: ReadonlySet<string>): string[] {
  return uniqueStrings(
    optionalList(item.service_ids).flatMap((value) => {
      const id = optionalId(value)
      return id !== null && components.has(id) ? [id] : []
    }),
  )
}

/** Null when its newest stated status is resolved: the list may still carry it, the page is past it. */
function readIncident(value: unknown, path: string, origin: string, components: ReadonlySet<string>): Incident | null {
  const item = requireObject(value, path)
  const id = requireNumberId(item, 'id', path)
  const posts = readPosts(item)
  const status = posts.find((post) => post.status !== null)?.status ?? 'investigating'
  if (status === 'resolved') return null
  const statusAt = (post: Post): IncidentStatus => post.status ?? status
  return {
    id,
    name: singleLine(optionalString(item.title) ?? '') || 'Incident',
    status,
    impact: impactOfComponentStatus(componentStatusOfType(item.type ?? 'minor')),
    url: pageLink(origin, 'incidents', id),
    startedAt: parseIsoTime(item.starts_at) ?? parseIsoTime(item.inserted_at),
    updates: updatesOf(id, posts, statusAt),
    componentIds: affected(item, components),
  }
}

function readMaintenance(value: unknown, path: string, origin: string, components: ReadonlySet<string>, list: MaintenanceStatus): Maintenance | null {
  const item = requireObject(value, path)
  const id = requireNumberId(item, 'id', path)
  const posts = readPosts(item)
  if (posts[0]?.status === 'resolved') return null
  return {
    id,
    name: singleLine(optionalString(item.title) ?? '') || 'Maintenance',
    // Which list it is in says where it stands; updates only tell its history.
    status: list,
    impact: 'maintenance',
    url: pageLink(origin, 'incidents', id),
    scheduledFor: parseIsoTime(item.starts_at),
    scheduledUntil: parseIsoTime(item.ends_at),
    updates: updatesOf(id, posts, (post) => (post.status === 'resolved' ? 'completed' : list)),
    componentIds: affected(item, components),
  }
}

/** Deeper than any page nests services; a hostile payload's nesting is cut, not followed. */
const MAX_DEPTH = 8

interface Services {
  readonly components: Component[]
  readonly groups: Group[]
}

/**
 * A top-level service with children is a group, its descendants its components; a service without
 * children is a component. Grandchildren join their top-level group.
 */
function readServices(list: readonly unknown[]): Services {
  const components: Component[] = []
  const groups: Group[] = []
  const visit = (value: unknown, path: string, groupId: string | null, depth: number): void => {
    const item = requireObject(value, path)
    const id = requireNumberId(item, 'id', path)
    const name = singleLine(optionalString(item.name) ?? '') || id
    const children = optionalList(item.children)
    if (children.length > 0 && depth < MAX_DEPTH) {
      const group = groupId ?? id
      if (groupId === null) groups.push({ id, name })
      children.forEach((child, index) => visit(child, `${path}.children[${index}]`, group, depth + 1))
      return
    }
    components.push({ id, name, groupId, status: componentStatusOfType(item.current_incident_type) })
  }
  list.forEach((value, index) => visit(value, `$.services[${index}]`, null, 0))
  return { components: uniqueById(components), groups: uniqueById(groups) }
}

export function parseStatuspal(json: unknown, key: PageKey): Result<Snapshot, PollError> {
  const origin = storedAddress(key).origin
  return parseGuarded('Statuspal summary', () => {
    const root = requireObject(json, '$')
    const page = requireObject(root.status_page, '$.status_page')
    const { components, groups } = readServices(requireList(root, 'services', '$'))
    const ids = new Set(components.map((component) => component.id))
    const incidents = requireList(root, 'incidents', '$').flatMap((value, index) => readIncident(value, `$.incidents[${index}]`, origin, ids) ?? [])
    const active = requireList(root, 'maintenances', '$').flatMap((value, index) => readMaintenance(value, `$.maintenances[${index}]`, origin, ids, 'in_progress') ?? [])
    const upcoming = listOrAbsent(root, 'upcoming_maintenances', '$').flatMap((value, index) => readMaintenance(value, `$.upcoming_maintenances[${index}]`, origin, ids, 'scheduled') ?? [])
    const stated = [page.current_incident_type, ...(root.current_status_type === undefined ? [] : [root.current_status_type])]
    const own = worstLevel(stated.map((type) => levelOfComponentStatus(componentStatusOfType(type))))
    // One in both lists has started.
    const rows = { components, incidents: uniqueById(incidents), maintenances: uniqueById([...active, ...upcoming]) }
    const name = singleLine(optionalString(page.name) ?? '') || key.subdomain
    return { platform: 'statuspal', page: { name, url: origin }, ...headline(own, rowsLevel(rows)), groups, ...rows } satisfies Snapshot
  })
}

export function apiUrl(key: PageKey): string {
  return `https://statuspal.${key.region}/api/v2/status_pages/${encodeURIComponent(key.subdomain)}/summary`
}


const DISCOVERY: Discovery = {
  needed: (base) => pageKeyOf(base) === null,
  maxBytes: DISCOVERY_BYTES,
  // The page's links, else the subdomain a known customer domain is on.
  find: (page) => {
    const key = findPageKey(page.text) ?? KNOWN_PAGES[page.base.hostname.toLowerCase()] ?? null
    return key === null ? err('no Statuspal subdomain in the page’s links') : ok(storedAddress(key))
  },
}
const NO_KEY = { missing: 'Statuspal: the address names no Statuspal page', none: 'no Statuspal subdomain on the page either' }

export const statuspal: ProviderEntry<'statuspal'> = {
  platform: 'statuspal',
  name: 'Statuspal',
  // After status.io: it costs the same one read of the page (shared), and only before the feed fallback.
  detectionRank: 97,
  hostHints: ['.statuspal.io', '.statuspal.eu', 'statuspal.io', 'statuspal.eu', 'status.booxi.com', 'exoscalestatus.com', 'status.unity.com'],
  catalog: { labels: ['Statuspal'], hosts: [] },
  endpoints: (base) => {
    const key = pageKeyOf(base)
    return key === null ? [undiscoveredEndpoint(base, DISCOVERY, NO_KEY)] : [{ url: apiUrl(key), parse: (json) => parseStatuspal(json, key) }]
  },
  discover: DISCOVERY,
}
