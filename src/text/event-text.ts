import { componentLabel, IMPACT_OF_COMPONENT_STATUS, type Component, type ComponentStatus, type Impact, type Incident, type IncidentStatus, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from '../model.ts'
import type { ComponentChange, MonitorEvent, Notice } from '../events.ts'
import { safeLinkFor } from './safe-link.ts'

/**
 * The words for one event, in the shape of the original console script:
 *
 *   Product: OpenAI - Chat Completions      title: OpenAI — Chat Completions
 *   Status:  Minor - Investigating          body:  Minor · Investigating: We are investigating…
 *   Details: We are investigating …
 *
 * Page text is hostile: controls (ANSI escapes, bidi overrides) are removed here; HTML-looking
 * text stays literal for the caller to render as text.
 */

export interface TextContext {
  readonly pageName: string
  readonly pageUrl: string
  /** To resolve component ids to "Group / Component". */
  readonly snapshot: Snapshot | null
}

export interface EventText {
  readonly title: string
  readonly body: string
  readonly url: string
  readonly product: string
  readonly status: string
  readonly details: string
}

/** Notification centres show two or three lines; longer bodies are cut by the OS mid-word anyway. */
export const NOTIFICATION_BODY_MAX = 180
export const NOTIFICATION_TITLE_MAX = 90
const LABELS_SHOWN = 2

// Escape sequences (CSI, OSC, 8-bit CSI) go whole, so no "[31m" residue is left; then other C0/C1 controls.
/* eslint-disable no-control-regex -- matching control characters is the point: they are what we remove */
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g
/* eslint-enable no-control-regex */
/** Bidi embeddings, overrides and isolates can make "moc.ianepo" read as "openai.com". */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g

function stripControls(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(/\t/g, ' ').replace(CONTROL, '').replace(BIDI_CONTROL, '')
}

export function cleanLine(text: string): string {
  return stripControls(text)
    .replace(/\s+/g, ' ')
    .trim()
}

export function cleanText(text: string): string {
  return stripControls(text.replace(/\r\n?|[\u2028\u2029]/g, '\n'))
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** At most `max` code points (an emoji is never cut in half), cut at a near word boundary. */
export function truncate(text: string, max: number): string {
  // Code units bound code points from above: a 2 MB text is split only as far as the cut needs.
  if (text.length <= max) return text
  const chars = Array.from(text.slice(0, 2 * max + 2))
  if (chars.length <= max) return text
  let cut = chars.slice(0, Math.max(0, max - 1)).join('')
  const space = cut.lastIndexOf(' ')
  if (space >= cut.length * 0.7) cut = cut.slice(0, space)
  return `${cut.replace(/[\s,;:.\-—·]+$/u, '')}…`
}

const pad = (n: number): string => String(n).padStart(2, '0')

export function formatLocalTime(at: number, withSeconds = true): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return withSeconds ? '????-??-?? ??:??:??' : '????-??-?? ??:??'
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  return `${date} ${time}${withSeconds ? `:${pad(d.getSeconds())}` : ''}`
}

export function maintenanceWindow(from: number | null, until: number | null): string | null {
  if (from !== null && until !== null) {
    const start = formatLocalTime(from, false)
    const end = formatLocalTime(until, false)
    const sameDay = start.slice(0, 10) === end.slice(0, 10)
    return `${start} to ${sameDay ? end.slice(11) : end}`
  }
  if (from !== null) return `Starts ${formatLocalTime(from, false)}`
  if (until !== null) return `Until ${formatLocalTime(until, false)}`
  return null
}

/** `none` has no word: "None - Monitoring" says nothing, so the status stands alone ("Monitoring"). */
const IMPACT_WORDS: Readonly<Record<Impact, string | null>> = {
  none: null,
  maintenance: 'Maintenance',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
}

export const UPDATE_STATUS_WORDS: Readonly<Record<IncidentStatus | MaintenanceStatus, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
}

export const COMPONENT_STATUS_WORDS: Readonly<Record<ComponentStatus, string>> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
}

function componentChangeWords(from: ComponentStatus | null, to: ComponentStatus): string {
  // At first sight nothing was seen before: no "(was …)" for a state nobody saw.
  const change = from === null ? COMPONENT_STATUS_WORDS[to] : `${COMPONENT_STATUS_WORDS[to]} (was ${COMPONENT_STATUS_WORDS[from]})`
  if (to !== 'operational') return change
  // After planned work nothing "recovered": say the maintenance is over instead.
  return from === 'under_maintenance' ? `Maintenance over: ${change}` : `Recovered: ${change}`
}

const ENDS_A_SENTENCE = /[.!?…:;]$/u

/** "Name:" before what follows, unless the name already ends a sentence ("…in IAD." stays as is). */
const labelled = (name: string): string => (ENDS_A_SENTENCE.test(name) ? name : `${name}:`)
const sentence = (text: string): string => (ENDS_A_SENTENCE.test(text) ? text : `${text}.`)

export const componentName = (change: ComponentChange): string => cleanLine(change.label) || cleanLine(change.component.name) || 'Unnamed component'

/** An incident's or maintenance's name, or what to call it when the page gives none. */
export const noticeName = (event: Notice): string =>
  'incident' in event ? cleanLine(event.incident.name) || 'Untitled incident' : cleanLine(event.maintenance.name) || 'Untitled maintenance'

export function displayPageName(context: TextContext): string {
  const name = cleanLine(context.pageName) || cleanLine(context.snapshot?.page.name ?? '')
  if (name) return name
  try {
    return new URL(context.pageUrl).host
  } catch {
    return 'Status page'
  }
}

function subjectOf(item: Incident | Maintenance, snapshot: Snapshot | null): { subject: string; byComponents: boolean } {
  const ids = [...new Set(item.componentIds)]
  const labels: string[] = []
  const byId = snapshot === null ? null : componentsById(snapshot)
  for (const id of ids) {
    const component = byId?.get(id)
    const label = component && snapshot ? cleanLine(componentLabel(snapshot, component)) : ''
    if (label) labels.push(label)
  }
  const name = cleanLine(item.name) || 'Untitled'
  if (labels.length === 0) return { subject: name, byComponents: false }
  const shown = labels.slice(0, LABELS_SHOWN).join(', ')
  // Unresolved ids still count: the incident does affect them, we just cannot name them.
  const more = ids.length - Math.min(labels.length, LABELS_SHOWN)
  return { subject: more > 0 ? `${shown}, +${more} more` : shown, byComponents: true }
}

export function incidentsTouching(component: Component, snapshot: Snapshot | null): string[] {
  return snapshot === null ? [] : (incidentNamesByComponent(snapshot).get(component.id) ?? [])
}

// Built once per snapshot and reused by every event of the poll: looking each id up in the lists
// made wording a poll quadratic (an AWS event naming 12,916 services took 235 ms to label).
const componentIndexes = new WeakMap<Snapshot, ReadonlyMap<string, Component>>()
const incidentIndexes = new WeakMap<Snapshot, ReadonlyMap<string, string[]>>()

function componentsById(snapshot: Snapshot): ReadonlyMap<string, Component> {
  let index = componentIndexes.get(snapshot)
  if (index === undefined) {
    const byId = new Map<string, Component>()
    for (const c of snapshot.components) if (!byId.has(c.id)) byId.set(c.id, c)
    index = byId
    componentIndexes.set(snapshot, index)
  }
  return index
}

function incidentNamesByComponent(snapshot: Snapshot): ReadonlyMap<string, string[]> {
  let index = incidentIndexes.get(snapshot)
  if (index === undefined) {
    const names = new Map<string, string[]>()
    for (const incident of snapshot.incidents) {
      const name = cleanLine(incident.name)
      if (name === '') continue
      for (const id of new Set(incident.componentIds)) {
        const list = names.get(id)
        if (list === undefined) names.set(id, [name])
        else list.push(name)
      }
    }
    index = names
    incidentIndexes.set(snapshot, index)
  }
  return index
}

interface Parts {
  /** What the console's Product line and the title name: components where the page gives them. */
  readonly subject: string
  /** The notification title's subject when it differs from `subject` (an incident's own name). */
  readonly title?: string
  /** Components named in the notification body when the title names something else. */
  readonly affects?: string | null
  /** The notification body's words when they differ from the console's `details` (which may repeat the title). */
  readonly bodyText?: string
  readonly impact: string | null
  readonly state: string
  readonly details: string
  readonly link: string | null
  /** The notification body without the details (component changes say it all in the status). */
  readonly statusOnly?: boolean
  /** The incidents a component change belongs to, named after its status in the body. */
  readonly partOf?: string
}

function incidentParts(event: Extract<MonitorEvent, { incident: Incident }>, snapshot: Snapshot | null): Parts {
  const { incident } = event
  const { subject, byComponents } = subjectOf(incident, snapshot)
  const impact = IMPACT_WORDS[incident.impact]
  const name = noticeName(event)
  const text = (update: Update | null): string => cleanText(update?.text ?? '')
  // Most people read only a notification's title: it names the incident; the body says where.
  const common = { subject, title: name, affects: byComponents ? subject : null, impact, link: incident.url }
  // The console's Details carry the name when its Product line names components instead.
  const told = (words: string): Pick<Parts, 'details' | 'bodyText'> => ({
    // Pages often open an update with the incident's name: it is not said twice.
    details: words === '' ? name : byComponents && !words.includes(name) ? `${labelled(name)} ${words}` : words,
    bodyText: words,
  })
  switch (event.kind) {
    case 'incident_opened':
      // Lossy sources (incident.io's summary.json) send updates with empty bodies.
      return { ...common, state: UPDATE_STATUS_WORDS[event.update?.status ?? incident.status], ...told(text(event.update)) }
    case 'incident_updated':
      return { ...common, state: UPDATE_STATUS_WORDS[event.update.status], ...told(text(event.update)) }
    case 'incident_resolved': {
      if (event.update === null) {
        // It left the ongoing list and the page's own history could not confirm how: say what we saw.
        return { ...common, state: 'Resolved', ...told(`"${name}" is no longer listed as ongoing.`) }
      }
      const when = event.update.at === null ? '' : ` at ${formatLocalTime(event.update.at, false).slice(11)}`
      return { ...common, state: 'Resolved', ...told(text(event.update) || `Resolved${when}.`) }
    }
  }
}

function maintenanceParts(event: Extract<MonitorEvent, { maintenance: Maintenance }>, snapshot: Snapshot | null): Parts {
  const { maintenance } = event
  const { subject, byComponents } = subjectOf(maintenance, snapshot)
  const name = noticeName(event)
  const latest = maintenance.updates[0] ?? null
  const latestText = cleanText(latest?.text ?? '')
  // Maintenance texts are often boilerplate ("We will be undergoing scheduled maintenance"): when
  // the title names components, the maintenance's own name is what says what is happening.
  const about = (text: string): string => (text === '' ? name : byComponents ? `${name}: ${text}` : text)
  const withWindow = (window: string | null, text: string): string => (window ? `${window} — ${text}` : text)
  // Always "Maintenance - …": the impact of planned work is less telling than the fact it is planned.
  const common = { subject, impact: 'Maintenance', link: maintenance.url }
  switch (event.kind) {
    case 'maintenance_scheduled':
      return {
        ...common,
        state: 'Scheduled',
        details: withWindow(maintenanceWindow(maintenance.scheduledFor, maintenance.scheduledUntil), about(latestText)),
      }
    case 'maintenance_started':
      return {
        ...common,
        state: maintenance.status === 'verifying' ? 'Verifying' : 'In progress',
        details: withWindow(maintenanceWindow(null, maintenance.scheduledUntil), about(latestText)),
      }
    case 'maintenance_completed': {
      // A maintenance that silently left the list keeps its last "in progress" text: do not repeat it.
      const doneText = latest?.status === 'completed' ? latestText : ''
      return { ...common, state: 'Completed', details: doneText ? about(doneText) : `"${name}" has ended.` }
    }
  }
}

function componentParts(event: ComponentChange, snapshot: Snapshot | null): Parts {
  const label = componentName(event)
  const to = COMPONENT_STATUS_WORDS[event.to]
  const incidents = incidentsTouching(event.component, snapshot)
  const related = incidents.length > 0 ? ` Ongoing incident: ${sentence(incidents.join('; '))}` : ''
  const change = event.from === null ? `${to} when first checked.` : `Changed from ${COMPONENT_STATUS_WORDS[event.from]} to ${to}.`
  return {
    subject: label,
    impact: null,
    state: componentChangeWords(event.from, event.to),
    details: `${change}${related}`,
    link: null,
    statusOnly: true,
    // The incident it belongs to, where there is one: "Partial outage (was Operational) — Elevated errors".
    partOf: incidents.join('; '),
  }
}

function partsOf(event: MonitorEvent, snapshot: Snapshot | null): Parts {
  switch (event.kind) {
    case 'incident_opened':
    case 'incident_updated':
    case 'incident_resolved':
      return incidentParts(event, snapshot)
    case 'component_changed':
      return componentParts(event, snapshot)
    case 'maintenance_scheduled':
    case 'maintenance_started':
    case 'maintenance_completed':
      return maintenanceParts(event, snapshot)
  }
}

/** What an event is about and how bad it says it is, in the page's own terms. */
export function eventSubject(event: MonitorEvent): { readonly impact: Impact; readonly name: string } {
  switch (event.kind) {
    case 'component_changed':
      return { impact: IMPACT_OF_COMPONENT_STATUS[event.to], name: cleanLine(event.label) || cleanLine(event.component.name) }
    case 'incident_opened':
    case 'incident_updated':
    case 'incident_resolved':
      return { impact: event.incident.impact, name: cleanLine(event.incident.name) }
    case 'maintenance_scheduled':
    case 'maintenance_started':
    case 'maintenance_completed':
      return { impact: 'maintenance', name: cleanLine(event.maintenance.name) }
  }
}

/** The snapshot's platform decides whether short links are trusted (safe-link.ts). */
export function contextLink(link: string | null, context: TextContext): string {
  return safeLinkFor(link, context.pageUrl, context.snapshot?.platform ?? null)
}

export function eventText(event: MonitorEvent, context: TextContext): EventText {
  const page = displayPageName(context)
  const parts = partsOf(event, context.snapshot)
  const status = parts.impact ? `${parts.impact} - ${parts.state}` : parts.state
  const headline = parts.impact ? `${parts.impact} · ${parts.state}` : parts.state
  const affects = parts.affects ? ` · ${parts.affects}` : ''
  const words = cleanLine(parts.bodyText ?? parts.details)
  const body = parts.statusOnly ? (parts.partOf ? `${headline} — ${cleanLine(parts.partOf)}` : headline) : `${headline}${affects}${words === '' ? '' : `: ${words}`}`
  return {
    title: truncate(`${page} — ${parts.title ?? parts.subject}`, NOTIFICATION_TITLE_MAX),
    body: truncate(body, NOTIFICATION_BODY_MAX),
    url: contextLink(parts.link, context),
    product: `${page} - ${parts.subject}`,
    status,
    details: parts.details,
  }
}
