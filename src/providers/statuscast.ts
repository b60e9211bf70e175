import { type Incident, type IncidentStatus, type Level, type Maintenance, type Snapshot, type Update } from '../model.ts'
import type { Result } from '../result.ts'
import { mentionedOnPage } from './discovery.ts'
import { headline, rowsLevel } from './page-level.ts'
import type { PollError } from '../poll-error.ts'
import { htmlToText, singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageLink, pageUrl } from './urls.ts'
import { fail, isRecord, optionalId, optionalList, optionalString, parseGuarded, requireList, requireObject, uniqueById, type JsonObject } from '../untrusted.ts'

/**
 * StatusCast: a page on its customer's domain serves `GET /summary.json` (beside `/status.json`
 * and `/rss`), the page's own roll-up: `PageName`, `StatusText` ("Normal"), `Status`
 * ("Available"), `UnresolvedIncidents[]` and `UpcomingIncidents[]`. No component list: the
 * components appear only in the page's HTML, which we never parse.
 * - Level: the page's own `Status`, in StatusCast's words (available, informational, monitored,
 *   identified, investigating, degraded, maintenance, unavailable).
 * - Incidents: `UnresolvedIncidents[]`; maintenances: `UpcomingIncidents[]` (scheduled). Their
 *   fields (`Id`, `Title`, `StartDate`/`EndDate`, `Posts[]` with `Text` and `DateCreated`) are
 *   those public clients read; no capture of one is published, so each is read leniently but
 *   an entry without an id fails the poll rather than inventing one.
 * - Links: StatusCast's incident page, `/incident/<id>` on the page's own host.
 * Detection: `/summary.json` is also Instatus's address, so the page is recognised by naming
 * StatusCast in its HTML (the page status.io reads anyway), then confirmed by the JSON.
 */

function levelOfStatus(value: unknown): Level {
  switch (typeof value === 'string' ? value.toLowerCase().replace(/[\s_-]+/g, '') : null) {
    case 'available':
    case 'informational':
      return 'operational'
    case 'maintenance':
      return 'maintenance'
    case 'unavailable':
      return 'major'
    default:
      return 'minor'
  }
}

/** The incident's own status word when it names a step we know; otherwise still investigating. */
function incidentStatusOf(value: unknown): IncidentStatus {
  const word = typeof value === 'string' ? value.toLowerCase() : ''
  if (word.includes('identified')) return 'identified'
  if (word.includes('monitor')) return 'monitoring'
  return 'investigating'
}

function idOf(item: JsonObject, path: string): string {
  return optionalId(item.Id) ?? optionalId(item.ID) ?? optionalId(item.IncidentId) ?? fail(`${path}.Id`, 'an id')
}

function nameOf(item: JsonObject, fallback: string): string {
  return singleLine(optionalString(item.Title) ?? optionalString(item.Name) ?? '') || fallback
}

function timeOf(...values: unknown[]): number | null {
  for (const value of values) {
    const time = parseIsoTime(value)
    if (time !== null) return time
  }
  return null
}

/** Posts in any order on the wire; newest first here, ids counted from the oldest. */
function updatesOf(id: string, item: JsonObject, status: Update['status']): Update[] {
  const posts = optionalList(item.Posts)
    .filter(isRecord)
    .map((post) => ({ text: htmlToText(optionalString(post.Text) ?? optionalString(post.Message) ?? ''), at: timeOf(post.DateCreated, post.Date) }))
    .filter((post) => post.text !== '')
  const oldestFirst = posts.map((post, index) => ({ post, index })).sort((a, b) => (a.post.at ?? 0) - (b.post.at ?? 0) || a.index - b.index)
  return oldestFirst.map(({ post }, index): Update => ({ id: `${id}#${index + 1}`, status, text: post.text, at: post.at })).reverse()
}

function readIncident(value: unknown, path: string, base: URL): Incident {
  const item = requireObject(value, path)
  const id = idOf(item, path)
  const status = incidentStatusOf(item.Status)
  return {
    id,
    name: nameOf(item, 'Incident'),
    status,
    // StatusCast states no impact per incident; the page's own level carries the weight.
    impact: 'minor',
    url: pageLink(base.origin, 'incident', id),
    startedAt: timeOf(item.StartDate, item.DateCreated),
    updates: updatesOf(id, item, status),
    componentIds: [],
  }
}

function readMaintenance(value: unknown, path: string, base: URL): Maintenance {
  const item = requireObject(value, path)
  const id = idOf(item, path)
  return {
    id,
    name: nameOf(item, 'Maintenance'),
    status: 'scheduled',
    impact: 'maintenance',
    url: pageLink(base.origin, 'incident', id),
    scheduledFor: timeOf(item.StartDate, item.DateCreated),
    scheduledUntil: timeOf(item.EndDate),
    updates: updatesOf(id, item, 'scheduled'),
    componentIds: [],
  }
}

export function parseStatusCastSummary(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('StatusCast summary.json', () => {
    const root = requireObject(json, '$')
    if (typeof root.Status !== 'string') fail('$.Status', 'a string')
    const incidents = uniqueById(requireList(root, 'UnresolvedIncidents', '$').map((value, index) => readIncident(value, `$.UnresolvedIncidents[${index}]`, base)))
    const maintenances = uniqueById(requireList(root, 'UpcomingIncidents', '$').map((value, index) => readMaintenance(value, `$.UpcomingIncidents[${index}]`, base)))
    return {
      platform: 'statuscast',
      page: { name: singleLine(optionalString(root.PageName) ?? '') || base.hostname, url: pageUrl(null, base) },
      ...headline(levelOfStatus(root.Status), rowsLevel({ components: [], incidents, maintenances })),
      components: [],
      groups: [],
      incidents,
      maintenances,
    } satisfies Snapshot
  })
}

function summaryEndpoint(base: URL): Endpoint {
  return { url: joinUrl(base, 'summary.json'), parse: (json) => parseStatusCastSummary(json, base) }
}

const OWN_HOSTS = ['.statuscast.com', '.status.page']

export const statuscast: ProviderEntry<'statuscast'> = {
  platform: 'statuscast',
  name: 'StatusCast',
  // After status.io, whose page read it shares, before the feed fallback.
  detectionRank: 96,
  hostHints: OWN_HOSTS,
  catalog: { labels: ['StatusCast'], hosts: [] },
  endpoints: (base) => [summaryEndpoint(base)],
  discover: mentionedOnPage(/statuscast/i, 'StatusCast', OWN_HOSTS),
}
