import { COMPONENT_STATUS_RANK, levelOfComponentStatus, worstLevel, type Component, type ComponentStatus, type Impact, type Incident, type Level, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { plainText, singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { updatesByTime } from './timed-updates.ts'
import { joinUrl, pageUrl, safeLink } from './urls.ts'
import { levelOfImpact } from './vocabulary.ts'
import { fail, isRecord, listOrAbsent, optionalId, optionalList, optionalString, parseGuarded, requireList, requireObject, requireString, uniqueById, type JsonObject } from '../untrusted.ts'

/**
 * Slack's Status API, `GET {base}/api/v2.0.0/current` (https://docs.slack.dev/reference/slack-status-api):
 * top-level `status` "ok" or "active", and `active_incidents[]` whose `type` is incident, outage
 * or maintenance. Ids are numbers on the wire and strings in the docs; notes have no ids.
 *
 * Slack publishes no component list, only the `services` each issue names. Those names become the
 * components, for as long as a listed issue names them: the popup and the per-component filters
 * can then show "Messaging", and a service named by a new issue is a component change. A service
 * no longer named simply leaves the list, which diff.ts forgets silently: Slack saying nothing
 * about it is not Slack saying it recovered (the issue's own end is reported as resolved).
 */

export const SLACK_CURRENT_PATH = 'api/v2.0.0/current'
/** Slack's status site under its old and its current name: incident links point at either. */
const SLACK_HOSTS: readonly string[] = ['status.slack.com', 'slack-status.com']

type Kind = 'incident' | 'outage' | 'maintenance'

/** Slack's scale has two steps of trouble; an outage is the worse one. Unknown types read as incidents: listed, so something is off. */
function kindOf(value: unknown): Kind {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : ''
  return word === 'outage' || word === 'maintenance' ? word : 'incident'
}

const TROUBLE: Readonly<Record<Exclude<Kind, 'maintenance'>, { readonly impact: Impact; readonly component: ComponentStatus }>> = {
  incident: { impact: 'minor', component: 'degraded_performance' },
  outage: { impact: 'major', component: 'partial_outage' },
}

/** The current endpoint lists what is going on, so any status word but a closing one means open. */
function isClosed(value: unknown): boolean {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : ''
  return ['resolved', 'completed', 'complete', 'closed', 'cancelled', 'canceled'].includes(word)
}

function maintenanceStatusOf(value: unknown): MaintenanceStatus {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : ''
  return word === 'scheduled' || word === 'upcoming' ? 'scheduled' : 'in_progress'
}

/** An id as Slack sends it (878) or as its docs show it ("546"). */
function requireSlackId(item: JsonObject, path: string): string {
  return optionalId(item.id) ?? fail(`${path}.id`, 'an id (a string or a number)')
}

/** Links only to Slack's status site or the watched page's own host. */
function ownLink(value: unknown, base: URL): string | null {
  const link = safeLink(value)
  if (link === null) return null
  const host = new URL(link).hostname
  return host === base.hostname || SLACK_HOSTS.includes(host) ? link : null
}

/** Notes carry no id: known by their time (timed-updates.ts). */
function readNotes(value: unknown, status: Update['status']): Update[] {
  const notes = optionalList(value)
    .filter(isRecord)
    .map((note) => ({ at: parseIsoTime(note.date_created), text: plainText(optionalString(note.body) ?? '') }))
  return updatesByTime(notes, status, 'note')
}

function readServices(value: unknown): string[] {
  const names = new Set<string>()
  for (const service of optionalList(value)) {
    const name = typeof service === 'string' ? singleLine(service) : ''
    if (name !== '') names.add(name)
  }
  return [...names]
}

type Issue =
  | { readonly kind: 'trouble'; readonly id: string; readonly incident: Incident; readonly component: ComponentStatus }
  | { readonly kind: 'maintenance'; readonly id: string; readonly maintenance: Maintenance }

function readIssue(value: unknown, path: string, base: URL): Issue | null {
  const item = requireObject(value, path)
  const id = requireSlackId(item, path)
  if (isClosed(item.status)) return null
  const kind = kindOf(item.type)
  const title = singleLine(optionalString(item.title) ?? '')
  const url = ownLink(item.url, base)
  const componentIds = readServices(item.services)
  if (kind === 'maintenance') {
    const status = maintenanceStatusOf(item.status)
    // Slack states no window, only when the notice was written.
    const maintenance: Maintenance = { id, name: title || 'Slack maintenance', status, impact: 'maintenance', url, scheduledFor: null, scheduledUntil: null, updates: readNotes(item.notes, status), componentIds }
    return { kind: 'maintenance', id, maintenance }
  }
  const trouble = TROUBLE[kind]
  const incident: Incident = {
    id,
    name: title || (kind === 'outage' ? 'Slack outage' : 'Slack incident'),
    status: 'investigating',
    impact: trouble.impact,
    url,
    startedAt: parseIsoTime(item.date_created),
    updates: readNotes(item.notes, 'investigating'),
    componentIds,
  }
  return { kind: 'trouble', id, incident, component: trouble.component }
}

function maintenanceComponentStatus(maintenance: Maintenance): ComponentStatus {
  return maintenance.status === 'scheduled' ? 'operational' : 'under_maintenance'
}

/** Each named service once, in Slack's order of first mention, with the worst status any open issue gives it. */
function servicesAsComponents(issues: readonly Issue[]): Component[] {
  const byName = new Map<string, ComponentStatus>()
  for (const issue of issues) {
    const [ids, status] = issue.kind === 'trouble' ? [issue.incident.componentIds, issue.component] : [issue.maintenance.componentIds, maintenanceComponentStatus(issue.maintenance)]
    for (const id of ids) {
      const known = byName.get(id)
      if (known === undefined || COMPONENT_STATUS_RANK[status] > COMPONENT_STATUS_RANK[known]) byName.set(id, status)
    }
  }
  return [...byName].map(([id, status]) => ({ id, name: id, groupId: null, status }))
}

/** "ok" is all well; "active" (or a word Slack adds later) with nothing open listed still says something is wrong. */
function levelOfStatus(status: string): Level {
  return status.trim().toLowerCase() === 'ok' ? 'operational' : 'minor'
}

export function parseSlackCurrent(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('Slack status api/v2.0.0/current', () => {
    const root = requireObject(json, '$')
    const status = requireString(root, 'status', '$')
    // The docs' "ok" body has `active_incidents: []`, an older one none; otherwise the list is the news.
    const list = levelOfStatus(status) === 'operational' ? listOrAbsent(root, 'active_incidents', '$') : requireList(root, 'active_incidents', '$')
    const issues = uniqueById(list.flatMap((value, index) => readIssue(value, `$.active_incidents[${index}]`, base) ?? []))
    const incidents = issues.flatMap((issue) => (issue.kind === 'trouble' ? [issue.incident] : []))
    const maintenances = issues.flatMap((issue) => (issue.kind === 'maintenance' ? [issue.maintenance] : []))
    const components = servicesAsComponents(issues)
    return {
      platform: 'slack',
      page: { name: 'Slack', url: pageUrl(null, base) },
      // Never better than what is listed; the top-level word counts only when nothing is.
      level: worstLevel([
        ...(issues.length === 0 ? [levelOfStatus(status)] : []),
        ...components.map((component) => levelOfComponentStatus(component.status)),
        ...incidents.map((incident) => levelOfImpact(incident.impact)),
        ...maintenances.flatMap((maintenance): Level[] => (maintenance.status === 'scheduled' ? [] : ['maintenance'])),
      ]),
      components,
      groups: [],
      incidents,
      maintenances,
    } satisfies Snapshot
  })
}

function currentEndpoint(base: URL): Endpoint {
  return { url: joinUrl(base, SLACK_CURRENT_PATH), parse: (json) => parseSlackCurrent(json, base) }
}

/** One site: tried only on Slack's own status hosts, never on a pasted page elsewhere. */
export const slack: ProviderEntry<'slack'> = {
  platform: 'slack',
  name: 'Slack',
  detectionRank: null,
  hostHints: [...SLACK_HOSTS],
  // The list labels it "custom (Slack Status API v2.0.0)", like custom pages this build does not read.
  catalog: { labels: [], hosts: ['status.slack.com'] },
  endpoints: (base) => [currentEndpoint(base)],
}
