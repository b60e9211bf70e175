import type { Platform } from '../../src/model.ts'
import type { PollError } from '../../src/poll-error.ts'
import { AWS_EVENTS_URL } from '../../src/providers/aws.ts'
import { parseComponentImpacts } from '../../src/providers/incidentio-history.ts'
import { providerFor } from '../../src/providers/index.ts'
import { parseComponents, parseIncidents, parseScheduledMaintenances } from '../../src/providers/statuspage.ts'
import { parseBodies } from '../../src/read-endpoint.ts'
import type { Result } from '../../src/result.ts'
import { recordedText } from '../harness/recorded.ts'

/**
 * Hostile but realistic page bodies of a chosen size, for the parser benchmark
 * (scripts/bench/parsers.ts) and the hostile-shape unit tests. Each is a real recorded payload
 * (test/fixtures/recorded) with one of its parts repeated under new ids until the body is as
 * large as asked: tens of thousands of components in one group, thousands of incidents,
 * reports, entries or updates, one very long text, deep nesting. Nothing but the poll's size cap
 * (2 MiB, fetch-json.ts) bounds a page's body, so that is the size the parsers must be fast at.
 */

export const BASE = new URL('https://status.example.com')

export interface Body {
  /** Path under BASE (or a whole URL), as the provider's endpoint or its companion asks for it. */
  readonly path: string
  readonly bytes: Uint8Array<ArrayBuffer>
  readonly contentType: string
}

export interface Built {
  /** How many of the repeated part the body holds. */
  readonly items: number
  /** The endpoint's body first, then its companions'. */
  readonly bodies: readonly Body[]
}

export interface Shape {
  /** The platform a poll reads it as; null for endpoints no poll reads (history, Statuspage's lists). */
  readonly platform: Platform | null
  /** The provider, and the endpoint where a provider has several. */
  readonly provider: string
  readonly shape: string
  /** What `items` counts. */
  readonly unit: string
  readonly build: (bytes: number) => Built
  /** The parser of an endpoint no poll reads (with `platform` null), given the decoded JSON. */
  readonly read?: (json: unknown) => Result<unknown, PollError>
}

/**
 * The whole parse of a built body, as a poll does it (parseBodies: decoding, JSON or XML,
 * provider, companions), or for an endpoint no poll reads, JSON.parse and its parser.
 */
export function readBuilt(shape: Shape, built: Built): Result<unknown, PollError> {
  const [main] = built.bodies
  if (main === undefined) throw new Error('a shape without a body')
  if (shape.platform === null) {
    if (shape.read === undefined) throw new Error(`${shape.provider}: no parser`)
    return shape.read(JSON.parse(new TextDecoder().decode(main.bytes)))
  }
  const url = new URL(main.path, BASE).href
  const endpoint = providerFor(shape.platform).endpoints(BASE).find((candidate) => candidate.url === url)
  if (endpoint === undefined) throw new Error(`${shape.provider}: no endpoint ${url}`)
  return parseBodies(endpoint, built.bodies.map((part) => ({ bytes: part.bytes, headers: new Headers({ 'content-type': part.contentType }) })))
}

type Json = Record<string, unknown>

const recorded = <T>(path: string): T => JSON.parse(recordedText(path)) as T
const encoder = new TextEncoder()
const utf8Length = (text: string): number => encoder.encode(text).byteLength

/** A compact id of fixed width, so that item sizes do not creep up with the count. */
export const idOf = (prefix: string, index: number): string => `${prefix}${index.toString(36).padStart(6, '0')}`

/** The n-th minute before a recorded time: distinct, descending, realistic stamps. */
const T0 = Date.UTC(2026, 6, 9, 6, 0)
export const minuteBefore = (n: number): number => T0 - n * 60_000
const isoMinuteBefore = (n: number): string => new Date(minuteBefore(n)).toISOString()

/**
 * `value` as JSON, each string "@@name" in it replaced by `raw[name]`, raw JSON text: how the
 * repeated lists are put into a real payload without building it as objects first.
 */
export function splice(value: unknown, raw: Readonly<Record<string, string>>): string {
  return JSON.stringify(value).replace(/"@@(\w+)"/g, (token, name: string) => raw[name] ?? token)
}

/**
 * `envelope` around as many items as fit in `bytes`: item(i) gives one part per list (a
 * component row and its id in the group's list…); each list is joined with `separator`.
 */
function fit(
  bytes: number,
  envelope: (lists: readonly string[]) => string,
  item: (index: number) => readonly string[],
  separator = ',',
  measure = utf8Length,
): { text: string; count: number } {
  const lists: string[][] = item(0).map(() => [])
  let used = measure(envelope(lists.map(() => '')))
  let count = 0
  for (;;) {
    const parts = item(count)
    const cost = parts.reduce((sum, part) => sum + measure(part) + (count > 0 ? measure(separator) : 0), 0)
    if (used + cost > bytes) break
    parts.forEach((part, list) => lists[list]?.push(part))
    used += cost
    count += 1
  }
  const text = envelope(lists.map((list) => list.join(separator)))
  if (measure(text) > bytes) throw new Error(`shape overshot: ${measure(text)} > ${bytes} bytes`)
  return { text, count }
}

const body = (path: string, text: string, contentType = 'application/json; charset=utf-8'): Body => ({ path, bytes: encoder.encode(text), contentType })

function one(path: string, fitted: { text: string; count: number }, contentType?: string): Built {
  return { items: fitted.count, bodies: [body(path, fitted.text, contentType)] }
}

/** A list of raw JSON items, and the same with an item before them. */
const list = (items: string, ...first: string[]): string => `[${[...first, ...(items === '' ? [] : [items])].join(',')}]`

/** A JSON string made of pieces that were each escaped alone (JSON escapes never span pieces). */
const stringPiece = (text: string): string => JSON.stringify(text).slice(1, -1)

// ---------------------------------------------------------------------------------------------
// Statuspage (and incident.io's compatible summary.json, which the same parser reads)

type Row = Json & { id: string; name: string; group: boolean; group_id: string | null }
type StatuspageIncident = Json & { id: string; incident_updates: (Json & { body: string })[] }
const INSTRUCTURE = recorded<{ page: Json; status: Json; components: Row[]; incidents: StatuspageIncident[] }>(
  'statuspage/instructure-summary-2021-12-07.json',
)
const CODAMETRIX_INCIDENTS = recorded<{ page: Json; incidents: StatuspageIncident[] }>('statuspage/codametrix-incidents-2026-08-02.json')
const CODAMETRIX_MAINTENANCES = recorded<{ page: Json; scheduled_maintenances: StatuspageIncident[] }>(
  'statuspage/codametrix-scheduled-maintenances-2026-08-02.json',
)

const first = <T>(items: readonly T[], what: string): T => {
  const [item] = items
  if (item === undefined) throw new Error(`no ${what} in the recorded payload`)
  return item
}
const nth = <T>(items: readonly T[], index: number): T => first(items.slice(index % items.length), 'item')

/** Canvas, Instructure's first group, and its first child. */
export const STATUSPAGE_GROUP = first(INSTRUCTURE.components.filter((row) => row.group), 'group')
const STATUSPAGE_CHILD = first(INSTRUCTURE.components.filter((row) => row.group_id === STATUSPAGE_GROUP.id), 'child')
const STATUSPAGE_INCIDENT = first(INSTRUCTURE.incidents, 'incident')

/** A child row with the fields the parser reads (the rest left out, which packs the most rows in); every 100th is in a partial outage. */
export const statuspageChild = (index: number): Json => ({
  id: idOf('c', index),
  name: `${STATUSPAGE_CHILD.name} ${index}`,
  status: index % 100 === 7 ? 'partial_outage' : STATUSPAGE_CHILD.status,
  position: index + 1,
  group_id: STATUSPAGE_GROUP.id,
  group: false,
})

/** The least a child row can say: its id and its group (its name empty, its status unknown). */
export const statuspageBareChild = (index: number): Json => ({ id: idOf('c', index), group_id: STATUSPAGE_GROUP.id })

function statuspageOneGroup(bytes: number, path: string, summary: boolean, child = statuspageChild): Built {
  const root = summary
    ? { page: INSTRUCTURE.page, components: '@@rows', incidents: [], scheduled_maintenances: [], status: INSTRUCTURE.status }
    : { page: INSTRUCTURE.page, components: '@@rows' }
  const group = { ...STATUSPAGE_GROUP, components: '@@ids' }
  return one(
    path,
    fit(
      bytes,
      ([rows = '', ids = '']) => splice(root, { rows: list(rows, splice(group, { ids: list(ids) })) }),
      (index) => [JSON.stringify(child(index)), JSON.stringify(idOf('c', index))],
    ),
  )
}

/** Instructure's open incident under a new id, with its oldest real update only. */
export const statuspageIncident = (index: number): Json => ({
  ...STATUSPAGE_INCIDENT,
  id: idOf('i', index),
  shortlink: `https://stspg.io/${idOf('s', index)}`,
  incident_updates: STATUSPAGE_INCIDENT.incident_updates.slice(-1).map((update) => ({ ...update, id: idOf('u', index), incident_id: idOf('i', index) })),
})

const statuspageSummary = (incidents: string): string =>
  splice({ page: INSTRUCTURE.page, components: [], incidents: '@@incidents', scheduled_maintenances: [], status: INSTRUCTURE.status }, { incidents })

function statuspageIncidents(bytes: number): Built {
  return one('/api/v2/summary.json', fit(bytes, ([items = '']) => statuspageSummary(list(items)), (index) => [JSON.stringify(statuspageIncident(index))]))
}

/** The real updates in turn, under new ids, a minute apart, newest first. */
export const statuspageUpdate = (index: number): Json => {
  const at = isoMinuteBefore(index)
  return { ...nth(STATUSPAGE_INCIDENT.incident_updates, index), id: idOf('u', index), created_at: at, updated_at: at, display_at: at }
}

function statuspageOneIncident(bytes: number): Built {
  const incident = { ...STATUSPAGE_INCIDENT, incident_updates: '@@updates' }
  return one(
    '/api/v2/summary.json',
    fit(bytes, ([updates = '']) => statuspageSummary(list('', splice(incident, { updates: list(updates) }))), (index) => [JSON.stringify(statuspageUpdate(index))]),
  )
}

/** The real bodies as HTML paragraphs, with the links, entities and emphasis pages put in them. */
export const htmlParagraph = (index: number): string =>
  `<p>${nth(STATUSPAGE_INCIDENT.incident_updates, index).body} See <a href="https://status.aws.amazon.com/">AWS</a> &amp; our <b>updates</b>.</p>\n\n`

/** Text a page should never send and a parser must still get through in one pass. */
export const hostileMarkup = (index: number): string =>
  [
    `<p class="a>b">${index} < ${index + 1} && x > y</p>`,
    '<a <a <a href="x">',
    '<br/><br><div>\u202e\u0007</div>',
    '&amp;&#x1F600;&#99999999;&bogus;&lt;',
    '<!-- closed --> <!doctype x> <?pi?>',
    '<script>var t = "<p>"</script>',
    '<Tenant> <notatag attr="',
    '"> \t\t  \r\n\n\n\n',
  ].join('')

/** One update whose body is `paragraph` over and over. */
function statuspageLongBody(bytes: number, paragraph: (index: number) => string): Built {
  const update = { ...first(STATUSPAGE_INCIDENT.incident_updates, 'update'), body: '@@body' }
  const incident = { ...STATUSPAGE_INCIDENT, incident_updates: [update] }
  return one(
    '/api/v2/summary.json',
    fit(bytes, ([text = '']) => statuspageSummary(list('', splice(incident, { body: `"${text}"` }))), (index) => [stringPiece(paragraph(index))], ''),
  )
}

function statuspageList(bytes: number, path: string, key: string, source: { page: Json } & Record<string, unknown>, prefix: string): Built {
  const real = source[key] as StatuspageIncident[]
  return one(
    path,
    fit(
      bytes,
      ([items = '']) => splice({ page: source.page, [key]: '@@items' }, { items: list(items) }),
      (index) => {
        const record = nth(real, index)
        const updates = record.incident_updates.map((update, position) => ({ ...update, id: idOf(`u${position}`, index) }))
        return [JSON.stringify({ ...record, id: idOf(prefix, index), incident_updates: updates })]
      },
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// incident.io's own JSON

type ProxyUpdate = Json & { message: { content: Json[] } }
interface ProxySummary {
  summary: Json & {
    components: Json[]
    structure: { items: { group?: Json & { components: Json[] } }[] }
    ongoing_incidents: (Json & { updates: ProxyUpdate[] })[]
  }
}
const OPENAI = recorded<ProxySummary>('incidentio/openai-proxy-summary-2025-04-08.json').summary
const IO_GROUP = first(OPENAI.structure.items.flatMap((item) => item.group ?? []), 'group')
const IO_CHILD = first(IO_GROUP.components, 'component')
const IO_FLAT = first(OPENAI.components, 'component')
const IO_INCIDENT = first(OPENAI.ongoing_incidents, 'incident')
const IO_UPDATE = first(IO_INCIDENT.updates, 'update')
export const IO_GROUP_ID = String(IO_GROUP.id)
const PROXY_PATH = `/proxy/${BASE.hostname}`

const proxySummary = (parts: Json, raw: Readonly<Record<string, string>>): string => splice({ summary: { ...OPENAI, ...parts } }, raw)
export const incidentioName = (index: number): string => `${String(IO_CHILD.name)} ${index}`

function incidentioOneGroup(bytes: number): Built {
  const group = { ...IO_GROUP, components: '@@children' }
  const parts = { components: '@@flat', affected_components: '@@affected', ongoing_incidents: [], structure: { items: [{ group: '@@group' }] } }
  return one(
    PROXY_PATH,
    fit(
      bytes,
      ([children = '', flat = '', affected = '']) =>
        proxySummary(parts, { flat: list(flat), affected: list(affected), group: splice(group, { children: list(children) }) }),
      (index) => [
        JSON.stringify({ ...IO_CHILD, component_id: idOf('c', index), name: incidentioName(index) }),
        JSON.stringify({ ...IO_FLAT, id: idOf('c', index), name: incidentioName(index) }),
        // One in a hundred is affected, each listed a hundred times: affected_components grows too.
        JSON.stringify({ component_id: idOf('c', index - (index % 100) + 7), status: 'partial_outage' }),
      ],
    ),
  )
}

export const incidentioIncident = (index: number): Json => ({
  ...IO_INCIDENT,
  id: idOf('i', index),
  updates: IO_INCIDENT.updates.map((update, position) => ({ ...update, id: idOf(`u${position}`, index) })),
})

function incidentioIncidents(bytes: number): Built {
  return one(
    PROXY_PATH,
    fit(bytes, ([incidents = '']) => proxySummary({ ongoing_incidents: '@@incidents' }, { incidents: list(incidents) }), (index) => [
      JSON.stringify(incidentioIncident(index)),
    ]),
  )
}

export const incidentioUpdate = (index: number): Json => ({ ...IO_UPDATE, id: idOf('u', index), published_at: isoMinuteBefore(index) })

function incidentioOneIncident(bytes: number, update: (index: number) => Json): Built {
  const incident = { ...IO_INCIDENT, updates: '@@updates' }
  return one(
    PROXY_PATH,
    fit(
      bytes,
      ([updates = '']) => proxySummary({ ongoing_incidents: '@@incidents' }, { incidents: list('', splice(incident, { updates: list(updates) })) }),
      (index) => [JSON.stringify(update(index))],
    ),
  )
}

/** The real update's paragraph, and a three-item bullet list of it, as ProseMirror nodes. */
export const IO_PARAGRAPH = first(IO_UPDATE.message.content, 'paragraph')
const IO_LIST = { type: 'bullet_list', content: [1, 2, 3].map(() => ({ type: 'list_item', content: [IO_PARAGRAPH] })) }

function incidentioLongDocument(bytes: number): Built {
  const update = { ...IO_UPDATE, message: { type: 'doc', content: '@@nodes' } }
  const incident = { ...IO_INCIDENT, updates: [update] }
  return one(
    PROXY_PATH,
    fit(
      bytes,
      ([nodes = '']) => proxySummary({ ongoing_incidents: '@@incidents' }, { incidents: list('', splice(incident, { nodes: list(nodes) })) }),
      (index) => [JSON.stringify(index % 2 === 0 ? IO_PARAGRAPH : IO_LIST)],
    ),
  )
}

/** Blockquotes `depth` deep, each holding the real paragraph: deeper than the reader walks. */
export function nestedDocument(depth: number): Json {
  let node: Json = IO_PARAGRAPH
  for (let level = 0; level < depth; level++) node = { type: 'blockquote', content: [IO_PARAGRAPH, node] }
  return { type: 'doc', content: [node] }
}

export const NESTED_DEPTH = 60

// ---------------------------------------------------------------------------------------------
// incident.io's component history

const IMPACTS = recorded<{ incident_links: Json[]; component_impacts: Json[]; component_uptimes: Json[] }>(
  'incidentio/openai-proxy-component-impacts-2025-04.json',
)

function incidentioHistory(bytes: number): Built {
  const [link, impact, uptime] = [first(IMPACTS.incident_links, 'link'), first(IMPACTS.component_impacts, 'impact'), first(IMPACTS.component_uptimes, 'uptime')]
  return one(
    `${PROXY_PATH}/component_impacts`,
    fit(
      bytes,
      ([links = '', impacts = '', uptimes = '']) =>
        splice({ incident_links: '@@links', component_impacts: '@@impacts', component_uptimes: '@@uptimes' }, { links: list(links), impacts: list(impacts), uptimes: list(uptimes) }),
      (index) => [
        JSON.stringify({ ...link, id: idOf('i', index) }),
        JSON.stringify({ ...impact, id: idOf('m', index), component_id: idOf('c', index % 1000), status_page_incident_id: idOf('i', index) }),
        JSON.stringify({ ...uptime, component_id: idOf('c', index) }),
      ],
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// Instatus: summary.json and its companion v2/components.json

const PERPLEXITY_SUMMARY = recordedText('instatus/perplexity-summary-2026-09-04.json')
const PERPLEXITY_COMPONENTS = recorded<{ components: Json[] }>('instatus/perplexity-v2-components-2026-09-04.json')
const INSTATUS_COMPONENT = first(PERPLEXITY_COMPONENTS.components, 'component')
/** The group object test/fixtures/instatus/components-grouped.json gives; Perplexity's are ungrouped. */
export const INSTATUS_GROUP = { id: 'cm0group1', name: 'Platform' }

export const instatusComponent = (index: number): Json => ({
  ...INSTATUS_COMPONENT,
  id: idOf('c', index),
  name: `${String(INSTATUS_COMPONENT.name)} ${index}`,
  group: INSTATUS_GROUP,
})

function instatusOneGroup(bytes: number): Built {
  const summary = body('/summary.json', PERPLEXITY_SUMMARY)
  const fitted = fit(bytes - summary.bytes.byteLength, ([components = '']) => `{"components":${list(components)}}`, (index) => [JSON.stringify(instatusComponent(index))])
  return { items: fitted.count, bodies: [summary, body('/v2/components.json', fitted.text)] }
}

/** No real capture has an Instatus incident: these have the fields test/fixtures/instatus gives them. */
export const instatusIncident = (index: number): Json => ({
  id: idOf('i', index),
  name: `Elevated API error rates ${index}`,
  started: isoMinuteBefore(index),
  status: 'IDENTIFIED',
  impact: 'MAJOROUTAGE',
  url: `https://status.example.com/incident/${idOf('i', index)}`,
})

const instatusMaintenance = (index: number): Json => ({
  id: idOf('m', index),
  name: `Database upgrade ${index}`,
  start: isoMinuteBefore(-index),
  status: 'NOTSTARTEDYET',
  duration: '120',
  url: `https://status.example.com/maintenance/${idOf('m', index)}`,
})

function instatusIncidents(bytes: number): Built {
  const components = body('/v2/components.json', JSON.stringify(PERPLEXITY_COMPONENTS))
  const page = { ...(JSON.parse(PERPLEXITY_SUMMARY) as { page: Json }).page, status: 'HASISSUES' }
  const fitted = fit(
    bytes - components.bytes.byteLength,
    ([incidents = '', maintenances = '']) =>
      splice({ page, activeIncidents: '@@incidents', activeMaintenances: '@@maintenances' }, { incidents: list(incidents), maintenances: list(maintenances) }),
    (index) => [JSON.stringify(instatusIncident(index)), JSON.stringify(instatusMaintenance(index))],
  )
  return { items: fitted.count, bodies: [body('/summary.json', fitted.text), components] }
}

// ---------------------------------------------------------------------------------------------
// Better Stack

type Resource = Json & { id: string; type: string; attributes: Json }
const TOGETHER = recorded<{ data: Json; included: Resource[] }>('betterstack/together-index-2026-09-04.json')
const included = (type: string): Resource[] => TOGETHER.included.filter((item) => item.type === type)
export const BS_SECTION = first(included('status_page_section'), 'section')
const BS_RESOURCE = first(included('status_page_resource'), 'resource')
const BS_REPORT = first(included('status_report'), 'report')
const BS_UPDATES = included('status_update')

const betterStackIndex = (items: string): string => splice({ data: TOGETHER.data, included: '@@items' }, { items: list(items, JSON.stringify(BS_SECTION)) })

export const betterStackResource = (index: number): Json => ({
  ...BS_RESOURCE,
  id: idOf('r', index),
  attributes: { ...BS_RESOURCE.attributes, public_name: `${String(BS_RESOURCE.attributes.public_name)} ${index}`, position: index + 1, status_page_section_id: BS_SECTION.id },
})

/**
 * The real report under a new id, linked to its updates the way the page links them (from the
 * report's relationships). Odd ones are open incidents, even ones the real completed maintenance.
 */
export function betterStackReport(index: number, links: unknown): Json {
  const open = index % 2 === 1
  return {
    ...BS_REPORT,
    id: idOf('p', index),
    attributes: open
      ? { ...BS_REPORT.attributes, title: `Degraded inference ${index}`, report_type: 'manual', aggregate_state: 'degraded', ends_at: null }
      : BS_REPORT.attributes,
    relationships: { status_updates: { data: links } },
  }
}

const updateLink = (index: number): Json => ({ id: idOf('s', index), type: 'status_update' })

export const betterStackUpdate = (index: number, message?: string): Json => {
  const real = nth(BS_UPDATES, index)
  return { ...real, id: idOf('s', index), attributes: { ...real.attributes, published_at: isoMinuteBefore(index), ...(message === undefined ? {} : { message }) } }
}

function betterStackReports(bytes: number): Built {
  return one(
    '/index.json',
    fit(bytes, ([items = '']) => betterStackIndex(items), (index) => [
      [betterStackReport(index, [updateLink(2 * index), updateLink(2 * index + 1)]), betterStackUpdate(2 * index), betterStackUpdate(2 * index + 1)]
        .map((item) => JSON.stringify(item))
        .join(','),
    ]),
  )
}

/** The least a report and its update can say; the update names its report (`status_report_id`). */
export function betterStackBareReport(index: number): [Json, Json] {
  return [
    { id: idOf('p', index), type: 'status_report', attributes: { title: `Report ${index}`, aggregate_state: 'resolved', starts_at: isoMinuteBefore(index) } },
    { id: idOf('s', index), type: 'status_update', attributes: { message: 'Resolved', published_at: isoMinuteBefore(index), status_report_id: idOf('p', index) } },
  ]
}

/** One open report listing every update (its relationship list grows with them). */
function betterStackOneReport(bytes: number, message?: (index: number) => string): Built {
  return one(
    '/index.json',
    fit(
      bytes,
      ([updates = '', links = '']) => betterStackIndex([splice(betterStackReport(1, '@@links'), { links: list(links) }), ...(updates === '' ? [] : [updates])].join(',')),
      (index) => [JSON.stringify(betterStackUpdate(index, message?.(index))), JSON.stringify(updateLink(index))],
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// AWS Health: one JSON list of events, served as UTF-16 big-endian with a byte-order mark

type AwsEvent = Json & { arn: string; event_log: Json[]; impacted_services: Json }
const AWS_EVENTS = recorded<AwsEvent[]>('aws/health-currentevents-2026-09-04.json')
const AWS_OPEN = first(AWS_EVENTS.filter((event) => event.status !== '0'), 'open event')
export const AWS_REGIONS = ['me-central-1', 'me-south-1', 'us-west-2', 'eu-west-1', 'ap-south-1']

function utf16be(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(2 + text.length * 2)
  bytes.set([0xfe, 0xff])
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    bytes[2 + index * 2] = unit >> 8
    bytes[3 + index * 2] = unit & 0xff
  }
  return bytes
}

function aws(bytes: number, envelope: (lists: readonly string[]) => string, item: (index: number) => readonly string[]): Built {
  // Two bytes of byte-order mark, then two bytes a code unit.
  const fitted = fit(bytes - 2, envelope, item, ',', (text) => text.length * 2)
  return { items: fitted.count, bodies: [{ path: AWS_EVENTS_URL, bytes: utf16be(fitted.text), contentType: 'application/json' }] }
}

/** The real open event's ARN in one of five regions, under a new event id. */
export const awsArn = (index: number): string =>
  AWS_OPEN.arn.replace(/^(arn:aws:health:)[^:]*/, `$1${nth(AWS_REGIONS, index)}`).replace(/[^_/]+$/, idOf('E', index))

export const awsEvent = (index: number): Json => ({ ...AWS_OPEN, arn: awsArn(index), date: String(minuteBefore(index) / 1000) })

export const awsLogEntry = (index: number): Json => ({ ...first(AWS_OPEN.event_log, 'log entry'), timestamp: minuteBefore(index) / 1000 })

export const awsService = (index: number): [string, Json] => [`svc${idOf('', index)}-me-central-1`, { service_name: `Service ${index}`, current: '2', max: '2' }]

function awsOneEvent(bytes: number, key: 'event_log' | 'impacted_services', item: (index: number) => string): Built {
  const wrap = key === 'event_log' ? list : (items: string): string => `{${items}}`
  return aws(bytes, ([items = '']) => splice([{ ...AWS_OPEN, [key]: '@@items' }], { items: wrap(items) }), (index) => [item(index)])
}

// ---------------------------------------------------------------------------------------------
// Atom and RSS feeds

const GITHUB_ATOM = recordedText('feeds/github-history-2026-07-09.atom')
const CLAUDE_RSS = recordedText('feeds/claude-history-2026-02-04.rss')
const between = (text: string, open: string, close: string): string => text.slice(text.indexOf(open), text.indexOf(close) + close.length)
const ATOM_HEAD = GITHUB_ATOM.slice(0, GITHUB_ATOM.indexOf('<entry>'))
const ATOM_ENTRY = between(GITHUB_ATOM, '<entry>', '</entry>')
const RSS_HEAD = CLAUDE_RSS.slice(0, CLAUDE_RSS.indexOf('<item>'))
const RSS_ITEM = between(CLAUDE_RSS, '<item>', '</item>')
const ATOM_TYPE = 'application/atom+xml; charset=utf-8'
const RSS_TYPE = 'application/rss+xml; charset=utf-8'
export const ATOM_INCIDENT_CODE = 'cstx3v63mklm'
const RSS_INCIDENT_CODE = 'pvbysfjjrf8m'

/** The real entry (item) under a new incident code, in its id and link alike. */
export const atomEntry = (index: number): string => ATOM_ENTRY.replaceAll(ATOM_INCIDENT_CODE, idOf('x', index)).replace('Incident/30837849', `Incident/${index}`)
export const rssItem = (index: number): string => RSS_ITEM.replaceAll(RSS_INCIDENT_CODE, idOf('x', index))

/** The first entry's escaped HTML, and its newest update alone. */
const ATOM_CONTENT = /<content type="html">([\s\S]*?)<\/content>/.exec(ATOM_ENTRY)?.[1] ?? ''
const ATOM_UPDATE = ATOM_CONTENT.slice(0, ATOM_CONTENT.indexOf('&lt;p&gt;', 1))
export const FEED_LABELS = ['Update', 'Identified', 'Monitoring'] as const

/**
 * The real update, stamped one minute earlier each time (Jul 9 23:59, 23:58…, then Jul 8), its
 * label taken in turn from FEED_LABELS: what a long-running incident accumulates.
 */
export function feedUpdate(index: number): string {
  const minutes = 24 * 60 - 1 - (index % (24 * 60))
  const day = Math.max(1, 9 - Math.floor(index / (24 * 60)))
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  return ATOM_UPDATE.replace(/(data-var='date'&gt;)\s*\d+/, `$1 ${day}`)
    .replace(/(data-var='time'&gt;)\d\d:\d\d/, `$1${time}`)
    .replace('&lt;strong&gt;Update&lt;/strong&gt;', `&lt;strong&gt;${nth(FEED_LABELS, index)}&lt;/strong&gt;`)
}

/** One sentence more of the newest update: a text that only grows. */
export const feedSentence = (index: number): string => ` We are continuing to work on a mitigation (${index}). &lt;br&gt;&amp;nbsp;`

function feedOneEntry(bytes: number, kind: 'atom' | 'rss', piece: (index: number) => string): Built {
  const [head, entry, tail, path, type] =
    kind === 'atom'
      ? [ATOM_HEAD, atomEntry(0).replace(ATOM_CONTENT, '@@pieces'), '</feed>\n', '/history.atom', ATOM_TYPE]
      : [RSS_HEAD, rssItem(0).replace(/<description>[\s\S]*?<\/description>/, '<description>@@pieces</description>'), '  </channel>\n</rss>\n', '/history.rss', RSS_TYPE]
  return one(path, fit(bytes, ([pieces = '']) => `${head}${entry.replace('@@pieces', () => pieces)}\n${tail}`, (index) => [piece(index)], ''), type)
}

function feedEntries(bytes: number, kind: 'atom' | 'rss'): Built {
  return kind === 'atom'
    ? one('/history.atom', fit(bytes, ([entries = '']) => `${ATOM_HEAD}${entries}\n</feed>\n`, (index) => [atomEntry(index)], '\n  '), ATOM_TYPE)
    : one('/history.rss', fit(bytes, ([items = '']) => `${RSS_HEAD}${items}\n  </channel>\n</rss>\n`, (index) => [rssItem(index)], '\n    '), RSS_TYPE)
}

// ---------------------------------------------------------------------------------------------

export const SHAPES: readonly Shape[] = [
  { platform: 'statuspage', provider: 'statuspage summary', shape: 'one group of N components', unit: 'components', build: (bytes) => statuspageOneGroup(bytes, '/api/v2/summary.json', true) },
  {
    platform: 'statuspage',
    provider: 'statuspage summary',
    shape: 'one group of N bare rows (id, group_id)',
    unit: 'components',
    build: (bytes) => statuspageOneGroup(bytes, '/api/v2/summary.json', true, statuspageBareChild),
  },
  { platform: 'statuspage', provider: 'statuspage summary', shape: 'N open incidents', unit: 'incidents', build: statuspageIncidents },
  { platform: 'statuspage', provider: 'statuspage summary', shape: 'one incident, N updates', unit: 'updates', build: statuspageOneIncident },
  { platform: 'statuspage', provider: 'statuspage summary', shape: 'one update body, N HTML paragraphs', unit: 'paragraphs', build: (bytes) => statuspageLongBody(bytes, htmlParagraph) },
  { platform: 'statuspage', provider: 'statuspage summary', shape: 'one update body, N hostile markup runs', unit: 'runs', build: (bytes) => statuspageLongBody(bytes, hostileMarkup) },
  {
    platform: null,
    provider: 'statuspage components',
    shape: 'one group of N components',
    unit: 'components',
    build: (bytes) => statuspageOneGroup(bytes, '/api/v2/components.json', false),
    read: parseComponents,
  },
  {
    platform: null,
    provider: 'statuspage incidents',
    shape: 'N incidents',
    unit: 'incidents',
    build: (bytes) => statuspageList(bytes, '/api/v2/incidents.json', 'incidents', CODAMETRIX_INCIDENTS, 'i'),
    read: (json) => parseIncidents(json, BASE),
  },
  {
    platform: null,
    provider: 'statuspage maintenances',
    shape: 'N maintenances',
    unit: 'maintenances',
    build: (bytes) => statuspageList(bytes, '/api/v2/scheduled-maintenances.json', 'scheduled_maintenances', CODAMETRIX_MAINTENANCES, 'm'),
    read: (json) => parseScheduledMaintenances(json, BASE),
  },
  { platform: 'incidentio', provider: 'incidentio compat', shape: 'one group of N components', unit: 'components', build: (bytes) => statuspageOneGroup(bytes, '/api/v2/summary.json', true) },
  { platform: 'incidentio', provider: 'incidentio compat', shape: 'N open incidents', unit: 'incidents', build: statuspageIncidents },
  { platform: 'incidentio', provider: 'incidentio native', shape: 'one group of N components', unit: 'components', build: incidentioOneGroup },
  { platform: 'incidentio', provider: 'incidentio native', shape: 'N open incidents', unit: 'incidents', build: incidentioIncidents },
  { platform: 'incidentio', provider: 'incidentio native', shape: 'one incident, N updates', unit: 'updates', build: (bytes) => incidentioOneIncident(bytes, incidentioUpdate) },
  { platform: 'incidentio', provider: 'incidentio native', shape: 'one ProseMirror message, N nodes', unit: 'nodes', build: incidentioLongDocument },
  {
    platform: 'incidentio',
    provider: 'incidentio native',
    shape: `N updates, ProseMirror ${NESTED_DEPTH} deep`,
    unit: 'updates',
    build: (bytes) => incidentioOneIncident(bytes, (index) => ({ ...incidentioUpdate(index), message: nestedDocument(NESTED_DEPTH) })),
  },
  { platform: null, provider: 'incidentio history', shape: 'N impacts, links, uptimes', unit: 'impacts', build: incidentioHistory, read: parseComponentImpacts },
  { platform: 'instatus', provider: 'instatus', shape: 'one group of N components', unit: 'components', build: instatusOneGroup },
  { platform: 'instatus', provider: 'instatus', shape: 'N incidents + N maintenances', unit: 'incidents', build: instatusIncidents },
  {
    platform: 'betterstack',
    provider: 'betterstack',
    shape: 'one section of N resources',
    unit: 'resources',
    build: (bytes) => one('/index.json', fit(bytes, ([items = '']) => betterStackIndex(items), (index) => [JSON.stringify(betterStackResource(index))])),
  },
  { platform: 'betterstack', provider: 'betterstack', shape: 'N reports × 2 updates', unit: 'reports', build: betterStackReports },
  {
    platform: 'betterstack',
    provider: 'betterstack',
    shape: 'N bare reports, 1 update each',
    unit: 'reports',
    build: (bytes) => one('/index.json', fit(bytes, ([items = '']) => betterStackIndex(items), (index) => [betterStackBareReport(index).map((item) => JSON.stringify(item)).join(',')])),
  },
  { platform: 'betterstack', provider: 'betterstack', shape: 'one report, N updates', unit: 'updates', build: (bytes) => betterStackOneReport(bytes) },
  {
    platform: 'betterstack',
    provider: 'betterstack',
    shape: 'one report, N updates of 2 KB',
    unit: 'updates',
    build: (bytes) => betterStackOneReport(bytes, (index) => `${String(nth(BS_UPDATES, 1).attributes.message)} (${index})\n\n`.repeat(5)),
  },
  { platform: 'aws', provider: 'aws', shape: 'N events', unit: 'events', build: (bytes) => aws(bytes, ([events = '']) => list(events), (index) => [JSON.stringify(awsEvent(index))]) },
  { platform: 'aws', provider: 'aws', shape: 'one event, N log entries', unit: 'entries', build: (bytes) => awsOneEvent(bytes, 'event_log', (index) => JSON.stringify(awsLogEntry(index))) },
  {
    platform: 'aws',
    provider: 'aws',
    shape: 'one event, N services',
    unit: 'services',
    build: (bytes) =>
      awsOneEvent(bytes, 'impacted_services', (index) => {
        const [key, service] = awsService(index)
        return `${JSON.stringify(key)}:${JSON.stringify(service)}`
      }),
  },
  { platform: 'feed', provider: 'feed atom', shape: 'N entries', unit: 'entries', build: (bytes) => feedEntries(bytes, 'atom') },
  { platform: 'feed', provider: 'feed atom', shape: 'one entry, N updates', unit: 'updates', build: (bytes) => feedOneEntry(bytes, 'atom', feedUpdate) },
  { platform: 'feed', provider: 'feed atom', shape: 'one update, N sentences', unit: 'sentences', build: (bytes) => feedOneEntry(bytes, 'atom', (index) => (index === 0 ? feedUpdate(0) : feedSentence(index))) },
  {
    platform: 'feed',
    provider: 'feed atom',
    shape: 'N declarations <!x> before an entry',
    unit: 'declarations',
    build: (bytes) => one('/history.atom', fit(bytes, ([pieces = '']) => `${ATOM_HEAD}${pieces}${atomEntry(0)}\n</feed>\n`, () => ['<!x>'], ''), ATOM_TYPE),
  },
  { platform: 'feed', provider: 'feed rss', shape: 'N items', unit: 'items', build: (bytes) => feedEntries(bytes, 'rss') },
  { platform: 'feed', provider: 'feed rss', shape: 'one item, N updates', unit: 'updates', build: (bytes) => feedOneEntry(bytes, 'rss', feedUpdate) },
]

/** A shape by provider and name: how the hostile-shape tests pick theirs. */
export function shapeNamed(provider: string, name: string): Shape {
  const shape = SHAPES.find((candidate) => candidate.provider === provider && candidate.shape === name)
  if (shape === undefined) throw new Error(`no shape ${provider} / ${name}`)
  return shape
}
