import { MAINTENANCE_STATUSES, type Incident, type IncidentStatus, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import { err, ok, type Result } from '../result.ts'
import { pollError, type PollError } from '../poll-error.ts'
import { looksLikeBotWall } from '../fetch-json.ts'
import { htmlToText, singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { childElements, firstChild, innerMarkup, parseXml, textContent, type XmlElement } from './feed-xml.ts'
import { parseRfc822Time } from './feed-dates.ts'
import { parseMarkedUpdates, statedStatus, type MarkedUpdate } from './feed-updates.ts'
import { isOneOf, uniqueById } from '../untrusted.ts'
import { parseIsoTime } from './time.ts'
import { isFeedUrl, joinUrl, pageUrl, safeLink } from './urls.ts'

/**
 * Atom and RSS incident-history feeds (Statuspage's `history.atom`/`history.rss`; GitHub, Claude).
 * Each entry is one incident or maintenance, its HTML holding labelled updates (feed-updates.ts).
 * A feed has no component statuses, no impact (an ongoing incident counts as `minor`: the feed says
 * only that something is open) and no maintenance window. An entry without update stamps is kept
 * in the history but never ongoing: nothing in it says it is open.
 */

export interface FeedEntryBase {
  /**
   * The code from an `/incidents/<code>` link when there is one: Atom ids and RSS guids of one
   * incident differ, and the code is Statuspage's JSON id, so feed and JSON agree.
   */
  readonly id: string
  readonly name: string
  readonly url: string | null
  readonly publishedAt: number | null
  /** Newest first. */
  readonly updates: readonly Update[]
  /** The newest update's label as written ("Update", "In progress"): `Update` has no status of its own. */
  readonly latestLabel: string | null
  readonly ongoing: boolean
}

export type FeedEntry =
  | (FeedEntryBase & { readonly kind: 'incident'; readonly status: IncidentStatus | null })
  | (FeedEntryBase & { readonly kind: 'maintenance'; readonly status: MaintenanceStatus | null })

export interface FeedHistory {
  readonly title: string
  readonly url: string | null
  /** In feed order (newest first on every feed we know). */
  readonly entries: readonly FeedEntry[]
}

/** One entry as the feed writes it, before any reading of its updates. */
export interface RawEntry {
  readonly id: string | null
  readonly title: string
  readonly link: string | null
  readonly html: string
  readonly publishedAt: number | null
  /** The newest time the entry states: year-less update stamps are read against it. */
  readonly reference: number | null
}

export interface RawFeed {
  readonly title: string
  readonly url: string | null
  readonly entries: readonly RawEntry[]
}

/** The feed's channel and entries as written (Azure reads its items without labelled updates). */
export function readFeedDocument(xml: string): Result<RawFeed, PollError> {
  const document = parseXml(xml)
  if (!document.ok) return err(pollError('bad_shape', `feed: not well-formed XML (${document.error})`))
  const root = document.value
  let read: Result<RawFeed, string>
  if (root.name === 'feed' || root.name === 'atom:feed') read = readAtom(root)
  else if (root.name === 'rss') read = readRss(root)
  else read = err(`expected an Atom <feed> or an RSS <rss>, got <${root.name}>`)
  return read.ok ? read : err(pollError('bad_shape', `feed: ${read.error}`))
}

/** `site`: the page's address; `http://` links on its host are read as `https://`. */
export function parseFeedHistory(xml: string, site: URL | null = null): Result<FeedHistory, PollError> {
  const read = readFeedDocument(xml)
  if (!read.ok) return read

  const entries: FeedEntry[] = []
  for (const raw of read.value.entries) {
    const entry = toFeedEntry(raw, site)
    if (!entry.ok) return err(pollError('bad_shape', `feed: ${entry.error}`))
    entries.push(entry.value)
  }
  return ok({ title: singleLine(read.value.title), url: safeLink(read.value.url), entries: uniqueById(entries) })
}

export function parseFeed(xml: string, base: URL): Result<Snapshot, PollError> {
  const history = parseFeedHistory(xml, base)
  return history.ok ? ok(feedSnapshot(history.value, base)) : history
}

export function feedSnapshot(history: FeedHistory, base: URL): Snapshot {
  const incidents: Incident[] = []
  const maintenances: Maintenance[] = []
  for (const entry of history.entries) {
    if (!entry.ongoing || entry.status === null) continue
    const common = { id: entry.id, name: entry.name, url: entry.url, updates: entry.updates, componentIds: [] }
    if (entry.kind === 'incident') {
      const startedAt = entry.updates[entry.updates.length - 1]?.at ?? entry.publishedAt
      incidents.push({ ...common, status: entry.status, impact: 'minor', startedAt })
    } else {
      maintenances.push({ ...common, status: entry.status, impact: 'maintenance', scheduledFor: null, scheduledUntil: null })
    }
  }
  const maintenanceUnderway = maintenances.some((m) => m.status === 'in_progress' || m.status === 'verifying')
  return {
    platform: 'feed',
    page: { name: pageName(history.title, base), url: pageUrl(history.url, base) },
    level: incidents.length > 0 ? 'minor' : maintenanceUnderway ? 'maintenance' : 'operational',
    components: [],
    groups: [],
    incidents,
    maintenances,
  }
}

/** "GitHub Status - Incident History" → "GitHub": the name the page's JSON gives itself. */
function pageName(title: string, base: URL): string {
  const name = title.replace(/\s*[-–—|:]\s*Incident History\s*$/i, '').replace(/\s+Status$/i, '').trim()
  return name === '' ? base.hostname : name
}

function atomChild(element: XmlElement, name: string): XmlElement | undefined {
  return firstChild(element, name) ?? firstChild(element, `atom:${name}`)
}

function atomChildren(element: XmlElement, name: string): XmlElement[] {
  return [...childElements(element, name), ...childElements(element, `atom:${name}`)]
}

/** Atom text constructs: `type="html"` holds escaped markup, `xhtml` real markup, `text` plain text. */
function atomText(element: XmlElement | undefined): { text: string; isHtml: boolean } {
  if (element === undefined) return { text: '', isHtml: false }
  const type = element.attributes.get('type') ?? 'text'
  if (type === 'xhtml') return { text: innerMarkup(element), isHtml: true }
  return { text: textContent(element), isHtml: type === 'html' }
}

function atomLink(element: XmlElement): string | null {
  const links = atomChildren(element, 'link')
  const alternate = links.find((link) => (link.attributes.get('rel') ?? 'alternate') === 'alternate')
  return alternate?.attributes.get('href') ?? null
}

function atomTime(element: XmlElement, name: string): number | null {
  const child = atomChild(element, name)
  return child === undefined ? null : parseIsoTime(textContent(child))
}

function readAtom(root: XmlElement): Result<RawFeed, string> {
  const feedUpdated = atomTime(root, 'updated')
  const entries = atomChildren(root, 'entry').map((entry): RawEntry => {
    const title = atomText(atomChild(entry, 'title'))
    const content = atomText(atomChild(entry, 'content') ?? atomChild(entry, 'summary'))
    const publishedAt = atomTime(entry, 'published')
    const updatedAt = atomTime(entry, 'updated')
    const id = atomChild(entry, 'id')
    return {
      id: id === undefined ? null : textContent(id).trim(),
      title: title.isHtml ? htmlToText(title.text) : title.text,
      link: atomLink(entry),
      html: content.isHtml ? content.text : escapeAsHtml(content.text),
      publishedAt: publishedAt ?? updatedAt,
      reference: latest(publishedAt, updatedAt) ?? feedUpdated,
    }
  })
  return ok({ title: atomText(atomChild(root, 'title')).text, url: atomLink(root), entries })
}

function readRss(rss: XmlElement): Result<RawFeed, string> {
  const channel = firstChild(rss, 'channel')
  if (channel === undefined) return err('<rss> without a <channel>')
  const text = (element: XmlElement, name: string): string | null => {
    const child = firstChild(element, name)
    return child === undefined ? null : textContent(child).trim()
  }
  const rssTime = (element: XmlElement, name: string): number | null => {
    const value = text(element, name)
    return value === null ? null : parseRfc822Time(value)
  }
  const channelTime = rssTime(channel, 'lastBuildDate') ?? rssTime(channel, 'pubDate')
  const entries = childElements(channel, 'item').map((item): RawEntry => {
    const publishedAt = rssTime(item, 'pubDate')
    const guid = text(item, 'guid')
    return {
      id: guid,
      title: text(item, 'title') ?? '',
      link: text(item, 'link'),
      // RSS carries HTML in <description>; content:encoded is the fuller form where present.
      html: text(item, 'content:encoded') ?? text(item, 'description') ?? '',
      publishedAt,
      reference: publishedAt ?? channelTime,
    }
  })
  return ok({ title: text(channel, 'title') ?? '', url: text(channel, 'link'), entries })
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.max(a, b)
}

function escapeAsHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/** An `http://` link on the page's own host is the same page over https; any other http link stays unsafe. */
function ownLink(value: string | null, site: URL | null): string | null {
  if (value === null || site === null || site.protocol !== 'https:') return safeLink(value)
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return null
  }
  if (url.protocol === 'http:' && url.hostname === site.hostname && url.port === '') url.protocol = 'https:'
  return safeLink(url.href)
}

/** A guid that is a link on the page's own host names the incident by its last path segment. */
function codeOnSite(link: string | null, site: URL | null): string | null {
  if (link === null || site === null) return null
  const url = new URL(link)
  if (url.hostname !== site.hostname) return null
  const segment = url.pathname.split('/').filter((part) => part !== '').pop()
  return segment === undefined || segment.length > 100 ? null : decodeSegment(segment)
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** LambStatus links its maintenances as `/maintenances/<code>` (and its Atom ids are `tag:` URIs). */
function incidentCode(link: string | null): string | null {
  if (link === null) return null
  try {
    return /\/(?:incidents|maintenances)\/([A-Za-z0-9_-]+)\/?$/.exec(new URL(link).pathname)?.[1] ?? null
  } catch {
    return null
  }
}

/** Labels to statuses; `Update` (and any label we do not know) keeps the status before it. */
const LABEL_STATUSES: Readonly<Record<string, IncidentStatus | MaintenanceStatus>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'postmortem',
  scheduled: 'scheduled',
  'in progress': 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
}

function statusOfLabel(label: string): IncidentStatus | MaintenanceStatus | null {
  return LABEL_STATUSES[label.toLowerCase().replace(/\s+/g, ' ').trim()] ?? null
}

function isMaintenanceStatus(status: IncidentStatus | MaintenanceStatus): status is MaintenanceStatus {
  return isOneOf(MAINTENANCE_STATUSES, status)
}

/** In a maintenance, an incident word can only sensibly mean the end (Resolved) or nothing new. */
function asMaintenanceStatus(status: IncidentStatus | MaintenanceStatus | null): MaintenanceStatus | null {
  if (status === null) return null
  if (isMaintenanceStatus(status)) return status
  return status === 'resolved' || status === 'postmortem' ? 'completed' : null
}

function asIncidentStatus(status: IncidentStatus | MaintenanceStatus | null): IncidentStatus | null {
  return status === null || isMaintenanceStatus(status) ? null : status
}

/**
 * A headline status (`Status: RESOLVED`) is where the newest update left the entry: it labels that
 * update when its own label (`Updated`) names no status.
 */
function withStatedStatus(marked: MarkedUpdate[], stated: string | null): MarkedUpdate[] {
  const [newest, ...older] = marked
  if (newest === undefined || stated === null || statusOfLabel(stated) === null || statusOfLabel(newest.label) !== null) return marked
  return [{ ...newest, label: stated }, ...older]
}

/** Oldest first, so each `Update` inherits the status before it; ids count from the oldest, so newer updates leave them be. */
function statusTrail<S extends IncidentStatus | MaintenanceStatus>(
  entryId: string,
  marked: readonly MarkedUpdate[],
  read: (status: IncidentStatus | MaintenanceStatus | null) => S | null,
  initial: S,
): { updates: Update[]; status: S | null } {
  const oldestFirst: Update[] = []
  let current: S = initial
  for (let index = marked.length - 1; index >= 0; index--) {
    const update = marked[index]
    if (update === undefined) continue
    current = read(statusOfLabel(update.label)) ?? current
    oldestFirst.push({ id: `${entryId}#${marked.length - index}`, status: current, text: update.text, at: update.at })
  }
  // Reversed once at the end: an unshift per update is quadratic in an entry with thousands.
  return { updates: oldestFirst.reverse(), status: marked.length === 0 ? null : current }
}

function toFeedEntry(raw: RawEntry, site: URL | null): Result<FeedEntry, string> {
  const link = ownLink(raw.link, site)
  const guidLink = ownLink(raw.id, site)
  const id = incidentCode(link) ?? incidentCode(guidLink) ?? codeOnSite(guidLink, site) ?? (raw.id || null) ?? link
  if (id === null) return err('an entry has neither an id nor a link')
  const written = parseMarkedUpdates(raw.html, raw.reference)
  const marked = withStatedStatus(written, statedStatus(raw.html))
  const name = singleLine(raw.title) || 'Untitled incident'
  const base = { id, name, url: link, publishedAt: raw.publishedAt, latestLabel: written[0]?.label ?? null }
  const isMaintenance = marked.some((update) => {
    const status = statusOfLabel(update.label)
    return status !== null && isMaintenanceStatus(status)
  })
  if (isMaintenance) {
    const trail = statusTrail(id, marked, asMaintenanceStatus, 'scheduled')
    return ok({ ...base, kind: 'maintenance', ...trail, ongoing: trail.status !== null && trail.status !== 'completed' })
  }
  const trail = statusTrail(id, marked, asIncidentStatus, 'investigating')
  const ongoing = trail.status !== null && trail.status !== 'resolved' && trail.status !== 'postmortem'
  return ok({ ...base, kind: 'incident', ...trail, ongoing })
}

/** The body goes to `parse` as text; an HTML page in its place is a bot wall or an error page, as for JSON. */
export function decodeFeedBody(bytes: Uint8Array, headers: Headers): Result<unknown, PollError> {
  // TextDecoder drops a UTF-8 BOM; Statuspage and every feed we hold are UTF-8.
  const text = new TextDecoder('utf-8').decode(bytes)
  const start = text.trimStart().slice(0, 64).toLowerCase()
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    if (looksLikeBotWall(text, headers)) return err(pollError('bot_wall', 'blocked by a bot check (an HTML challenge page instead of a feed)'))
    return err(pollError('not_json', 'an HTML page instead of a feed'))
  }
  return ok(text)
}

/** An endpoint whose body is feed XML, given to `parse` as text (`name` prefixes the error). */
export function xmlEndpoint(url: string, name: string, parse: (xml: string) => Result<Snapshot, PollError>): Endpoint {
  return {
    url,
    decode: decodeFeedBody,
    parse: (body) => (typeof body === 'string' ? parse(body) : err(pollError('bad_shape', `${name}: expected the body as text`))),
  }
}

function feedEndpoint(base: URL, url: string): Endpoint {
  return xmlEndpoint(url, 'feed', (xml) => parseFeed(xml, base))
}

/**
 * A page kept at its feed's address (`status.x.ai/feed.xml`) is read there; otherwise Statuspage's
 * pair, Atom first: it carries ids and ISO dates; RSS is the same history in older clothes.
 */
function feedEndpoints(base: URL): readonly Endpoint[] {
  if (isFeedUrl(base)) return [feedEndpoint(base, base.href)]
  return [feedEndpoint(base, joinUrl(base, 'history.atom')), feedEndpoint(base, joinUrl(base, 'history.rss'))]
}

export const feed: ProviderEntry<'feed'> = {
  platform: 'feed',
  name: 'Atom/RSS feed',
  // Last: nearly every platform has a feed, and it is the poorest source.
  detectionRank: 100,
  hostHints: [],
  // The research list's labels: xAI, listed at its feed.xml; LambStatus pages (Codacy), which publish Statuspage-style history feeds.
  catalog: { labels: ['other (RSS feed.xml)', 'LambStatus'], hosts: [] },
  endpoints: feedEndpoints,
  // A page may publish only the RSS one (status.codacy.com).
  detectionEndpoints: feedEndpoints,
}
