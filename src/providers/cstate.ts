import { levelOfComponentStatus, type Component, type ComponentStatus, type Group, type Impact, type Incident, type Level, type Snapshot } from '../model.ts'
import { headline, rowsLevel } from './page-level.ts'
import type { Result } from '../result.ts'
import type { PollError } from '../poll-error.ts'
import { singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { parseIsoTime } from './time.ts'
import { joinUrl, pageUrl, safeLink } from './urls.ts'
import { fail, isRecord, optionalList, optionalString, parseGuarded, requireId, requireList, requireObject, requireString, uniqueById, type JsonObject } from '../untrusted.ts'
import { impactOfComponentStatus } from './vocabulary.ts'

/**
 * cState (a Hugo theme): `GET {base}/index.json`, marked `is: "index"`. `summaryStatus` is the
 * page's own level; `systems[]` are the components, grouped by their `category` name; open issues
 * appear only inside each system's `unresolvedIssues`, so one issue shows up once per affected
 * system and becomes one incident. Issues have no update history here, and there is no
 * maintenance object: cState posts planned work as issues. Dates are Go's `time.String()` form.
 */

/** Over this many systems name one issue, the rest are left off: the issue is no less open, and the work stays linear. */
const MAX_COMPONENTS_PER_INCIDENT = 500

/** cState's words for systems and issue severities: ok, disrupted, down (notice: informational). */
function componentStatusOf(word: unknown): ComponentStatus {
  switch (word) {
    case 'ok':
    case 'notice':
      return 'operational'
    case 'down':
      return 'major_outage'
    default:
      // `disrupted`, or a word added later: something is off, and the mildest problem neither hides it nor cries outage.
      return 'degraded_performance'
  }
}

function levelOfSummary(word: string): Level {
  return levelOfComponentStatus(componentStatusOf(word))
}

// Go's `2006-01-02 15:04:05.999999999 -0700 MST`; the zone name may be an offset (`+03`) where a zone has no abbreviation.
const GO_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,9})? ([+-]\d{2})(\d{2})(?: (?:[A-Za-z]{1,6}|[+-]\d{2,4}))?$/
/** Longer than any time Go prints: refused before the pattern runs. */
const GO_TIME_MAX_LENGTH = 48

/** Go's default time text to epoch ms; anything else (`<no value>`, the zero time, a bad day) is null. Ranges are checked by the ISO reader. */
export function parseGoTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > GO_TIME_MAX_LENGTH) return null
  const match = GO_TIME.exec(value.trim())
  if (!match) return null
  const [, date, time, fraction = '', offsetHours, offsetMinutes] = match
  return parseIsoTime(`${date}T${time}${fraction}${offsetHours}:${offsetMinutes}`)
}

/**
 * cState has no ids: a system is known by its name (issues' `affected` list names only). The id
 * keeps the category too, so two categories that each have a "Website" stay two components; each
 * part is encoded, so no name can forge another's id.
 */
function systemId(category: string, name: string): string {
  return `${encodeURIComponent(category)}/${encodeURIComponent(name)}`
}

interface Category {
  readonly name: string
  readonly hidden: boolean
}

/** `hideTitle` categories (cState's `_Global`) show their systems without a heading: no group. */
function readCategories(list: readonly unknown[]): Category[] {
  return list.flatMap((item) => {
    if (!isRecord(item)) return []
    const name = singleLine(optionalString(item.name) ?? '')
    return name === '' ? [] : [{ name, hidden: item.hideTitle === true }]
  })
}

interface OpenIssue {
  readonly incident: Omit<Incident, 'componentIds'>
  readonly affected: readonly unknown[]
}

/** The issue's file name (the page's own slug), else its permalink's path, else its title and start. */
function issueId(issue: JsonObject, title: string, createdAt: unknown): string {
  const file = singleLine(optionalString(issue.filename) ?? '').replace(/\.md$/i, '')
  if (file !== '') return file
  const link = safeLink(issue.permalink)
  if (link !== null) return new URL(link).pathname
  const start = typeof createdAt === 'string' ? singleLine(createdAt.slice(0, GO_TIME_MAX_LENGTH)) : ''
  return start === '' ? title : `${start} ${title}`
}

/** An issue's link only when it is https on the page's own site. */
function issueLink(value: unknown, base: URL): string | null {
  const link = safeLink(value)
  return link !== null && new URL(link).host === base.host ? link : null
}

function impactOf(issue: JsonObject): Impact {
  // An informational issue does not change any system's status.
  if (issue.informational === true) return 'none'
  return impactOfComponentStatus(componentStatusOf(issue.severity))
}

/** null for an issue that says it is resolved: listed under `unresolvedIssues` or not, it is not open. */
function readIssue(item: unknown, path: string, base: URL): OpenIssue | null {
  const issue = requireObject(item, path)
  if (issue.resolved === true) return null
  const title = singleLine(requireString(issue, 'title', path)) || 'Incident'
  return {
    incident: {
      id: issueId(issue, title, issue.createdAt),
      name: title,
      status: 'investigating',
      impact: impactOf(issue),
      url: issueLink(issue.permalink, base),
      // `lastMod` stands in for an issue whose creation time is missing.
      startedAt: parseGoTime(issue.createdAt) ?? parseGoTime(issue.lastMod),
      updates: [],
    },
    // Read once per incident, not once per copy (see IncidentCollector).
    affected: optionalList(issue.affected),
  }
}

/**
 * One incident per issue: every system that lists it, and every system its `affected` names. The
 * copies under other systems add only their system, and a full list stops taking ids, so a page
 * that repeats one issue under thousands of systems stays linear.
 */
class IncidentCollector {
  private readonly byId = new Map<string, { readonly incident: Omit<Incident, 'componentIds'>; readonly componentIds: Set<string> }>()

  constructor(private readonly idsByName: ReadonlyMap<string, readonly string[]>) {}

  add(issue: OpenIssue, listedBy: string): void {
    const known = this.byId.get(issue.incident.id)
    if (known !== undefined) {
      if (known.componentIds.size < MAX_COMPONENTS_PER_INCIDENT) known.componentIds.add(listedBy)
      return
    }
    const componentIds = new Set([listedBy])
    this.byId.set(issue.incident.id, { incident: issue.incident, componentIds })
    for (const name of new Set(issue.affected)) {
      const ids = typeof name === 'string' ? this.idsByName.get(singleLine(name)) : undefined
      for (const id of ids ?? []) {
        if (componentIds.size >= MAX_COMPONENTS_PER_INCIDENT) return
        componentIds.add(id)
      }
    }
  }

  incidents(): Incident[] {
    return [...this.byId.values()].map(({ incident, componentIds }) => ({ ...incident, componentIds: [...componentIds] }))
  }
}

interface SystemRow {
  readonly component: Component
  readonly issues: readonly unknown[]
  readonly path: string
}

function readSystem(item: unknown, index: number, hidden: ReadonlySet<string>): SystemRow {
  const path = `$.systems[${index}]`
  const system = requireObject(item, path)
  const name = singleLine(requireId(system, 'name', path)) || `System ${index + 1}`
  const category = singleLine(optionalString(system.category) ?? '')
  return {
    component: {
      id: systemId(category, name),
      name,
      groupId: category === '' || hidden.has(category) ? null : category,
      status: componentStatusOf(system.status),
    },
    // A system's open issues are what is wrong now: null is a broken payload, not "none".
    issues: requireList(system, 'unresolvedIssues', path),
    path,
  }
}

export function parseCState(json: unknown, base: URL): Result<Snapshot, PollError> {
  return parseGuarded('cState index.json', () => {
    const root = requireObject(json, '$')
    if (root.is !== 'index') fail('$.is', '"index"')
    const summary = requireString(root, 'summaryStatus', '$')
    const categories = readCategories(optionalList(root.categories))
    const hidden = new Set(categories.filter((category) => category.hidden).map((category) => category.name))

    const rows = requireList(root, 'systems', '$').map((item, index) => readSystem(item, index, hidden))
    // A system listed twice is one component; the issues under both copies still count.
    const components = uniqueById(rows.map((row) => row.component))

    // Groups in the page's category order, then categories only the systems name (a trimmed list, or a typo).
    const groupNames = new Set<string>()
    for (const name of [...categories.map((category) => category.name), ...components.map((component) => component.groupId ?? '')]) {
      if (name !== '' && !hidden.has(name)) groupNames.add(name)
    }
    const groups: Group[] = [...groupNames].map((name) => ({ id: name, name }))

    const idsByName = new Map<string, string[]>()
    for (const { id, name } of components) {
      const ids = idsByName.get(name)
      if (ids === undefined) idsByName.set(name, [id])
      else ids.push(id)
    }
    const collector = new IncidentCollector(idsByName)
    for (const row of rows) {
      row.issues.forEach((item, index) => {
        const issue = readIssue(item, `${row.path}.unresolvedIssues[${index}]`, base)
        if (issue !== null) collector.add(issue, row.component.id)
      })
    }
    const incidents = collector.incidents()

    return {
      platform: 'cstate',
      page: { name: singleLine(optionalString(root.title) ?? '') || base.hostname, url: pageUrl(null, base) },
      ...headline(levelOfSummary(summary), rowsLevel({ components, incidents, maintenances: [] })),
      components,
      groups,
      incidents,
      maintenances: [],
    } satisfies Snapshot
  })
}

function indexEndpoint(base: URL): Endpoint {
  return { url: joinUrl(base, 'index.json'), parse: (json) => parseCState(json, base) }
}

export const cstate: ProviderEntry<'cstate'> = {
  platform: 'cstate',
  name: 'cState',
  // After the JSON platforms (Better Stack also serves an index.json), before feeds.
  detectionRank: 50,
  hostHints: [],
  catalog: { labels: ['cState'], hosts: [] },
  endpoints: (base) => [indexEndpoint(base)],
}
