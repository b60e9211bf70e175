import type { Component, ComponentStatus, Group, Impact, Incident, Snapshot, Update } from '../model.ts'
import { COMPONENT_STATUS_RANK, worstLevel } from '../model.ts'
import { err, ok, type Result } from '../result.ts'
import { pollError, type PollError } from '../poll-error.ts'
import { plainText, singleLine } from '../text/plain-text.ts'
import type { Endpoint, ProviderEntry } from './provider.ts'
import { levelOfImpact } from './vocabulary.ts'
import { fail, isRecord, optionalList, optionalString, parseGuarded, requireId, requireObject, uniqueById, type JsonObject } from '../untrusted.ts'

/**
 * AWS Health's dashboard feed, `GET /public/currentevents` (https://health.aws.amazon.com/health/status).
 * Event `status` "0" is resolved, "1" informational, "2" degraded, "3" disruption. Resolved events
 * stay listed a while: dropped from the incidents, their end reads as leaving the list.
 * AWS lists only affected services, so the components are the services the events name, grouped
 * by region; a resolved event's services stay operational until AWS drops it, so recovery shows
 * as a component change. Times are epoch seconds, strings on the event, numbers in `event_log`.
 */

export const AWS_EVENTS_URL = 'https://health.aws.amazon.com/public/currentevents'
export const AWS_PAGE = { name: 'AWS', url: 'https://health.aws.amazon.com/health/status' } as const

const SEVERITIES: Readonly<Record<string, { readonly impact: Impact; readonly component: ComponentStatus }>> = {
  '0': { impact: 'none', component: 'operational' },
  '1': { impact: 'minor', component: 'degraded_performance' },
  '2': { impact: 'major', component: 'partial_outage' },
  '3': { impact: 'critical', component: 'major_outage' },
}

/** Unknown codes read as "1": the event is listed, so something is off, but we cannot say how much. */
function severityOf(value: unknown): { readonly impact: Impact; readonly component: ComponentStatus } {
  const code = typeof value === 'number' ? String(value) : value
  return (typeof code === 'string' ? SEVERITIES[code.trim()] : undefined) ?? { impact: 'minor', component: 'degraded_performance' }
}

function isResolvedCode(value: unknown): boolean {
  return value === '0' || value === 0
}

function epochSeconds(value: unknown): number | null {
  const seconds = typeof value === 'string' && /^\s*\d{1,12}(?:\.\d+)?\s*$/.test(value) ? Number(value) : value
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null
}

/** `arn:aws:health:me-central-1::event/…` → `me-central-1`; global events have no region there. */
function regionOf(arn: string): string | null {
  const region = arn.split(':')[3]
  return region === undefined || region.trim() === '' ? null : region.trim()
}

interface ParsedEvent {
  readonly incident: Incident
  readonly resolved: boolean
  readonly region: Group
  readonly services: readonly Component[]
}

function readEvent(event: JsonObject, path: string): ParsedEvent {
  const arn = requireId(event, 'arn', path)
  const summary = singleLine(optionalString(event.summary) ?? '')
  const resolved = isResolvedCode(event.status) || /^\[resolved\]/i.test(summary)
  const severity = severityOf(event.status)
  const regionId = regionOf(arn) ?? 'global'
  const region: Group = { id: regionId, name: singleLine(optionalString(event.region_name) ?? '') || regionId }
  // Summaries repeat across regions ("Increased Error Rates" in UAE and Bahrain): name service and region, as the dashboard does.
  const serviceName = singleLine(optionalString(event.service_name) ?? '')
  const where = [serviceName, region.name].filter((part) => part !== '').join(', ')
  // A `[RESOLVED]` summary needs no stripping: resolved events are not listed.
  const name = `${summary || 'AWS event'} (${where})`

  const services: Component[] = []
  const impacted = isRecord(event.impacted_services) ? event.impacted_services : {}
  for (const [key, service] of Object.entries(impacted)) {
    if (!isRecord(service) || key.trim() === '') continue
    // A service's own `current` code can be milder than the event's (or already "0").
    const status = resolved ? 'operational' : severityOf(service.current ?? event.status).component
    services.push({ id: key, name: singleLine(optionalString(service.service_name) ?? '') || key, groupId: regionId, status })
  }

  // Ids count from the oldest entry, so they stay put when AWS appends newer ones.
  const log = optionalList(event.event_log)
    .filter(isRecord)
    .map((entry, index) => ({ entry, index, at: epochSeconds(entry.timestamp) }))
    .sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || a.index - b.index)
  const updates: Update[] = log
    .map(({ entry, at }, position): Update => ({
      id: `${arn}#${position + 1}`,
      status: isResolvedCode(entry.status) ? 'resolved' : 'investigating',
      text: plainText(optionalString(entry.message) ?? optionalString(entry.summary) ?? ''),
      at,
    }))
    .reverse()

  return {
    incident: {
      id: arn,
      name,
      status: resolved ? 'resolved' : 'investigating',
      impact: resolved ? 'none' : severity.impact,
      // The dashboard has no stable per-event page; the status page itself lists the event.
      url: AWS_PAGE.url,
      startedAt: epochSeconds(event.date),
      updates,
      componentIds: [...new Set(services.map((service) => service.id))],
    },
    resolved,
    region,
    services,
  }
}

/** A service named by several events takes the worst status any open event gives it. */
function mergeServices(events: readonly ParsedEvent[]): Component[] {
  const byId = new Map<string, Component>()
  for (const service of events.flatMap((event) => event.services)) {
    const known = byId.get(service.id)
    if (known === undefined) byId.set(service.id, service)
    else if (COMPONENT_STATUS_RANK[service.status] > COMPONENT_STATUS_RANK[known.status]) byId.set(service.id, { ...known, status: service.status })
  }
  return [...byId.values()]
}

export function parseAwsEvents(json: unknown): Result<Snapshot, PollError> {
  return parseGuarded('AWS currentevents', () => {
    // The dashboard's "no events" is an empty list; an empty body or null reads the same.
    const list = json === null || json === '' ? [] : Array.isArray(json) ? json : fail('$', 'a list of events')
    const seen = new Set<string>()
    const events: ParsedEvent[] = []
    list.forEach((item, index) => {
      const event = readEvent(requireObject(item, `$[${index}]`), `$[${index}]`)
      if (seen.has(event.incident.id)) return
      seen.add(event.incident.id)
      events.push(event)
    })
    const open = events.filter((event) => !event.resolved)
    const incidents = open.map((event) => event.incident)
    const groups = uniqueById(events.map((event) => event.region))
    const components = mergeServices(events)
    return {
      platform: 'aws',
      page: { ...AWS_PAGE },
      level: worstLevel(incidents.map((incident) => levelOfImpact(incident.impact))),
      components,
      groups,
      incidents,
      maintenances: [],
    } satisfies Snapshot
  })
}

/**
 * The live body is UTF-16 BE with a BOM, unlike any other status API. Without a BOM, a NUL in
 * the first two bytes gives UTF-16 away (JSON starts with ASCII); anything else is UTF-8.
 */
export function decodeAwsBody(bytes: Uint8Array): string {
  const [first, second] = [bytes[0], bytes[1]]
  if (first === 0xfe && second === 0xff) return decodeUtf16(bytes.subarray(2), true)
  if (first === 0xff && second === 0xfe) return decodeUtf16(bytes.subarray(2), false)
  if (bytes.length >= 2 && first === 0 && second !== 0) return decodeUtf16(bytes, true)
  if (bytes.length >= 2 && first !== 0 && second === 0) return decodeUtf16(bytes, false)
  // TextDecoder drops a UTF-8 BOM itself.
  return new TextDecoder('utf-8').decode(bytes)
}

/** 'utf-16le' is the one UTF-16 label every TextDecoder has; big-endian input is byte-swapped first. */
function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  if (!bigEndian) return new TextDecoder('utf-16le').decode(bytes)
  const swapped = new Uint8Array(bytes.length)
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    swapped[index] = bytes[index + 1] ?? 0
    swapped[index + 1] = bytes[index] ?? 0
  }
  // An odd last byte stays 0: the decoder reads any lone last byte as U+FFFD whatever its value.
  return new TextDecoder('utf-16le').decode(swapped)
}

export function decodeAwsJson(bytes: Uint8Array): Result<unknown, PollError> {
  const text = decodeAwsBody(bytes).trim()
  if (text === '') return ok(null)
  try {
    return ok(JSON.parse(text) as unknown)
  } catch {
    return err(pollError('not_json', 'AWS currentevents: not valid JSON (truncated?)'))
  }
}

const awsEndpoint: Required<Pick<Endpoint, 'decode'>> & Endpoint = {
  url: AWS_EVENTS_URL,
  decode: (bytes) => decodeAwsJson(bytes),
  parse: parseAwsEvents,
}

/** One global feed whatever the base: every AWS page is this one dashboard. */
export const aws: ProviderEntry<'aws'> = {
  platform: 'aws',
  name: 'AWS Health',
  detectionRank: null,
  hostHints: ['health.aws.amazon.com'],
  // The list labels it "custom (…)", like custom pages this build does not read.
  catalog: { labels: [], hosts: ['health.aws.amazon.com'] },
  endpoints: () => [awsEndpoint],
}
