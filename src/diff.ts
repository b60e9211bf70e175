import type { MonitorEvent } from './events.ts'
import {
  componentLabel,
  type Incident,
  type IncidentStatus,
  type Maintenance,
  type MaintenanceStatus,
  type Snapshot,
  type Update,
} from './model.ts'
import {
  EMPTY_SEEN_STATE,
  SEEN_STATE_LIMITS,
  SEEN_STATE_VERSION,
  rememberedName,
  rememberedTime,
  rememberedUrl,
  type GoneIncident,
  type GoneMaintenance,
  type MaintenancePhase,
  type SeenComponent,
  type SeenIncident,
  type SeenMaintenance,
  type SeenState,
} from './seen-state.ts'

/**
 * Previous seen-state + new snapshot → the events to report, and the next seen-state.
 *
 * `previous === null` is first sight (nothing stored, or the stored value was corrupt): what is
 * ongoing now is reported once, the past never. Later polls report each change once:
 *
 * Incidents
 * - new unresolved id → `incident_opened` with its latest update; all its listed updates count
 *   as seen (an incident first seen with 3 updates is one event, not 4).
 * - new id already resolved/postmortem → `incident_resolved` with its latest update (it started
 *   and ended between two polls); at first sight it is history and stays silent.
 * - each update id not seen before → `incident_updated`, oldest first.
 * - status turns resolved/postmortem → `incident_resolved` carrying the resolving update (the
 *   newest unseen update, when its status is resolved/postmortem), which then gets no
 *   `incident_updated` of its own.
 * - an open incident that drops out of the list without a word is only remembered as missing,
 *   with no event: one answer without it may be incomplete (a stale CDN copy). If the next
 *   answer lacks it too → `incident_resolved` with update null, the incident rebuilt from what
 *   the seen-state remembered. If it comes back first, nothing is said about the gap (its news
 *   meanwhile comes as updates) and its real end is reported once, as for any listed incident.
 * - a closed incident that comes back unresolved (a flap, or a real reopen) is NOT announced as
 *   new: its unseen updates are reported as `incident_updated`, its old ones never again. If it
 *   brings no new update it is silent and still counts as closed (the user was last told
 *   "resolved"), so flapping out again says nothing; once a new update has been reported it is
 *   open again, and its next resolution is reported under a new key.
 *
 * Components (page-wide ids, never names: "Login" repeats across groups)
 * - every status change → `component_changed` old → new, recovery included; a new component
 *   that is not operational changes "from operational"; a component that disappears is forgotten
 *   silently (only non-operational components are remembered at all).
 *
 * Maintenances (stages only move forward: scheduled → started → completed)
 * - new and scheduled → `maintenance_scheduled`; new and in progress/verifying →
 *   `maintenance_started` only; new and already completed → silent (past).
 * - reaches in progress/verifying → `maintenance_started`; reaches completed, or is absent from
 *   two answers in a row after having started (missing after the first, as for incidents) →
 *   `maintenance_completed` (from scheduled straight to completed reports completed only).
 * - a scheduled one that drops out without starting is a cancellation (or it ran entirely while
 *   we were not polling): silent. If it comes back it carries on where it was.
 *
 * Order: incidents, then components, then maintenances; each in page order, then the ones that
 * dropped out in remembered order; within one incident: opened, updates oldest first, resolved.
 *
 * Keys are unique per page over time and the same for the same (previous, snapshot):
 *   incident:<id>:opened · incident:<id>:update:<updateId> · incident:<id>:resolved[:<n≥2>]
 *   component:<id>:<to>:<seq> (seq: page-wide counter in the state) ·
 *   maintenance:<id>:scheduled|started|completed
 * with every id URI-encoded so an id containing ':' cannot forge another key. Ids forgotten
 * under SEEN_STATE_LIMITS and reused much later may repeat an old key; by then its
 * notification is long gone.
 *
 * Pure. Diffing the same snapshot again gives no events and an equal state, except that it is
 * the second answer that confirms what the first left missing; a third time is always quiet. So
 * an answer equal to the last one (a 304, the same body) is still diffed while
 * `awaitsConfirmation(seen)`, and may be skipped otherwise.
 */
export function diffSnapshot(
  previous: SeenState | null,
  snapshot: Snapshot,
  options: DiffOptions = {},
): { events: MonitorEvent[]; seen: SeenState } {
  const prev = previous ?? EMPTY_SEEN_STATE
  const incidents = diffIncidents(prev, snapshot, previous === null, options.sourceChanged === true)
  const components = diffComponents(prev, snapshot)
  const maintenances = diffMaintenances(prev, snapshot)
  return {
    events: [...incidents.events, ...components.events, ...maintenances.events],
    seen: {
      version: SEEN_STATE_VERSION,
      seq: components.seq,
      incidents: incidents.seen,
      missingIncidents: incidents.missing,
      goneIncidents: incidents.gone,
      components: components.seen,
      maintenances: maintenances.seen,
      missingMaintenances: maintenances.missing,
      goneMaintenances: maintenances.gone,
    },
  }
}

/** Whether the next answer decides something even if it equals the last one (see diffSnapshot). */
export function awaitsConfirmation(seen: SeenState): boolean {
  return seen.missingIncidents.length > 0 || seen.missingMaintenances.length > 0
}

export interface DiffOptions {
  /**
   * The snapshot comes from another endpoint than the seen-state did (a provider's fallback, e.g.
   * incident.io's lossy summary.json instead of its native JSON, or back). Incident ids are
   * shared across them but update ids are not, so the updates of incidents already known are
   * taken as seen without events: re-announcing every update would be a false notification,
   * while a real new update in that same poll is the rarer loss. Openings, resolutions,
   * components and maintenances are diffed as usual.
   */
  readonly sourceChanged?: boolean
}

const L = SEEN_STATE_LIMITS

/** Key segments are URI-encoded: no id can contain the ':' separator. */
const seg = encodeURIComponent

const isClosedStatus = (status: IncidentStatus | MaintenanceStatus): boolean =>
  status === 'resolved' || status === 'postmortem'

/** First occurrence of each id, then the first `max`: providers should not repeat ids, but a page might. */
function distinctById<T extends { readonly id: string }>(items: readonly T[], max: number): T[] {
  const ids = new Set<string>()
  const out: T[] = []
  for (const item of items) {
    if (out.length >= max) break
    if (ids.has(item.id)) continue
    ids.add(item.id)
    out.push(item)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Incidents

function diffIncidents(
  prev: SeenState,
  snapshot: Snapshot,
  firstSight: boolean,
  sourceChanged: boolean,
): { events: MonitorEvent[]; seen: SeenIncident[]; missing: SeenIncident[]; gone: GoneIncident[] } {
  // A missing incident that is back carries on as if it had never left.
  const listed = new Map([...prev.incidents, ...prev.missingIncidents].map((r) => [r.id, r]))
  const goneBefore = new Map(prev.goneIncidents.map((r) => [r.id, r]))
  const events: MonitorEvent[] = []
  const seen: SeenIncident[] = []

  const current = distinctById(snapshot.incidents, L.incidents)
  const currentIds = new Set(current.map((i) => i.id))

  for (const incident of current) {
    // Newest first, as the model promises; only the newest are considered at all.
    const updates = distinctById(incident.updates, L.updatesPerIncident)
    const closed = isClosedStatus(incident.status)
    const listedBefore = listed.get(incident.id)
    const known = listedBefore ?? goneBefore.get(incident.id)

    if (known === undefined) {
      const latest = updates[0] ?? null
      // Already closed when first seen: news on a later poll, history at first sight.
      const reportResolved = closed && !firstSight
      if (!closed) events.push(opened(incident, latest))
      if (reportResolved) events.push(resolved(incident, latest, 1))
      seen.push(remember(incident, !closed, reportResolved ? 1 : 0, updates, []))
      continue
    }

    // Gone incidents are all closed: one that left the list open was reported resolved.
    const wasOpen = listedBefore?.open ?? false
    const seenIds = new Set(known.updateIds)
    const unseen = sourceChanged ? [] : updates.filter((u) => !seenIds.has(u.id)).reverse()
    let closures = known.closures
    if (closed && wasOpen) {
      const newest = unseen.at(-1)
      const resolving = newest !== undefined && isClosedStatus(newest.status) ? newest : null
      for (const update of unseen) if (update !== resolving) events.push(updated(incident, update))
      closures += 1
      events.push(resolved(incident, resolving, closures))
    } else {
      for (const update of unseen) events.push(updated(incident, update))
    }
    // Open = the last news the user got says it is ongoing. One that flapped back without news
    // stays closed, so flapping out again is not a second "resolved".
    const open = !closed && (wasOpen || unseen.length > 0)
    seen.push(remember(incident, open, closures, updates, known.updateIds))
  }

  // Listed last time, not now: an open one may still be there (an incomplete answer), so it
  // waits for the next answer; a closed one has nothing left to say.
  const missing = prev.incidents.filter((r) => r.open && !currentIds.has(r.id))
  const dropped: GoneIncident[] = prev.incidents.filter((r) => !r.open && !currentIds.has(r.id)).map(goneIncident)
  // Absent from two answers in a row: it ended without saying so.
  for (const record of prev.missingIncidents) {
    if (currentIds.has(record.id)) continue
    const closures = record.open ? record.closures + 1 : record.closures
    if (record.open) events.push(resolved(rebuildIncident(record), null, closures))
    dropped.push(goneIncident({ ...record, closures }))
  }
  const gone = [...dropped, ...prev.goneIncidents.filter((r) => !currentIds.has(r.id))].slice(0, L.goneIncidents)
  return { events, seen, missing, gone }
}

function goneIncident(record: SeenIncident): GoneIncident {
  return { id: record.id, closures: record.closures, updateIds: record.updateIds }
}

function remember(
  incident: Incident,
  open: boolean,
  closures: number,
  updates: readonly Update[],
  previousIds: readonly string[],
): SeenIncident {
  // Ids listed now first, then ids no longer listed (a lossy source may bring them back).
  const listedIds = updates.map((u) => u.id)
  const listedSet = new Set(listedIds)
  const updateIds = [...listedIds, ...previousIds.filter((id) => !listedSet.has(id))].slice(0, L.updatesPerIncident)
  return {
    id: incident.id,
    name: rememberedName(incident.name),
    impact: incident.impact,
    url: rememberedUrl(incident.url),
    startedAt: rememberedTime(incident.startedAt),
    componentIds: incident.componentIds.slice(0, L.componentIdsPerItem),
    open,
    closures,
    updateIds,
  }
}

function rebuildIncident(record: SeenIncident): Incident {
  return {
    id: record.id,
    name: record.name,
    status: 'resolved',
    impact: record.impact,
    url: record.url,
    startedAt: record.startedAt,
    updates: [],
    componentIds: record.componentIds,
  }
}

function opened(incident: Incident, update: Update | null): MonitorEvent {
  return { kind: 'incident_opened', key: `incident:${seg(incident.id)}:opened`, incident, update }
}

function updated(incident: Incident, update: Update): MonitorEvent {
  return { kind: 'incident_updated', key: `incident:${seg(incident.id)}:update:${seg(update.id)}`, incident, update }
}

function resolved(incident: Incident, update: Update | null, closures: number): MonitorEvent {
  const suffix = closures > 1 ? `:${closures}` : ''
  return { kind: 'incident_resolved', key: `incident:${seg(incident.id)}:resolved${suffix}`, incident, update }
}

// ---------------------------------------------------------------------------------------------
// Components

function diffComponents(prev: SeenState, snapshot: Snapshot): { events: MonitorEvent[]; seen: SeenComponent[]; seq: number } {
  const before = new Map(prev.components.map((c) => [c.id, c.status]))
  const events: MonitorEvent[] = []
  const seen: SeenComponent[] = []
  let seq = prev.seq
  for (const component of distinctById(snapshot.components, L.components)) {
    const from = before.get(component.id) ?? 'operational'
    const to = component.status
    if (from !== to) {
      seq += 1
      events.push({
        kind: 'component_changed',
        key: `component:${seg(component.id)}:${to}:${seq}`,
        component,
        label: componentLabel(snapshot, component),
        from,
        to,
      })
    }
    if (to !== 'operational') seen.push({ id: component.id, status: to })
  }
  return { events, seen, seq }
}

// ---------------------------------------------------------------------------------------------
// Maintenances

const PHASE_RANK: Readonly<Record<MaintenancePhase, number>> = { scheduled: 0, started: 1, completed: 2 }

function phaseOf(status: MaintenanceStatus): MaintenancePhase {
  switch (status) {
    case 'scheduled':
      return 'scheduled'
    case 'in_progress':
    case 'verifying':
      return 'started'
    case 'completed':
      return 'completed'
  }
}

function diffMaintenances(
  prev: SeenState,
  snapshot: Snapshot,
): { events: MonitorEvent[]; seen: SeenMaintenance[]; missing: SeenMaintenance[]; gone: GoneMaintenance[] } {
  const known = new Map<string, GoneMaintenance>(
    [...prev.goneMaintenances, ...prev.missingMaintenances, ...prev.maintenances].map((r) => [r.id, r]),
  )
  const events: MonitorEvent[] = []
  const seen: SeenMaintenance[] = []

  const current = distinctById(snapshot.maintenances, L.maintenances)
  const currentIds = new Set(current.map((m) => m.id))

  for (const maintenance of current) {
    const target = phaseOf(maintenance.status)
    const record = known.get(maintenance.id)
    let phase = target
    if (record === undefined) {
      // Already completed when first seen: that is the past.
      if (target !== 'completed') events.push(maintenanceEvent(maintenance, target))
    } else if (PHASE_RANK[target] > PHASE_RANK[record.phase]) {
      events.push(maintenanceEvent(maintenance, target))
    } else {
      phase = record.phase
    }
    seen.push({
      id: maintenance.id,
      name: rememberedName(maintenance.name),
      impact: maintenance.impact,
      url: rememberedUrl(maintenance.url),
      scheduledFor: rememberedTime(maintenance.scheduledFor),
      scheduledUntil: rememberedTime(maintenance.scheduledUntil),
      componentIds: maintenance.componentIds.slice(0, L.componentIdsPerItem),
      phase,
    })
  }

  // Listed last time, not now: a started one waits for the next answer, as incidents do; a
  // scheduled one was cancelled (silent).
  const missing = prev.maintenances.filter((r) => r.phase === 'started' && !currentIds.has(r.id))
  const dropped: GoneMaintenance[] = prev.maintenances
    .filter((r) => r.phase !== 'started' && !currentIds.has(r.id))
    .map((r) => ({ id: r.id, phase: r.phase }))
  // Absent from two answers in a row after having started: it is over.
  for (const record of prev.missingMaintenances) {
    if (currentIds.has(record.id)) continue
    if (record.phase === 'started') events.push(maintenanceEvent(rebuildMaintenance(record), 'completed'))
    dropped.push({ id: record.id, phase: record.phase === 'started' ? 'completed' : record.phase })
  }
  const gone = [...dropped, ...prev.goneMaintenances.filter((r) => !currentIds.has(r.id))].slice(0, L.goneMaintenances)
  return { events, seen, missing, gone }
}

function rebuildMaintenance(record: SeenMaintenance): Maintenance {
  return {
    id: record.id,
    name: record.name,
    status: 'completed',
    impact: record.impact,
    url: record.url,
    scheduledFor: record.scheduledFor,
    scheduledUntil: record.scheduledUntil,
    updates: [],
    componentIds: record.componentIds,
  }
}

function maintenanceEvent(maintenance: Maintenance, phase: MaintenancePhase): MonitorEvent {
  const kind = phase === 'scheduled' ? 'maintenance_scheduled' : phase === 'started' ? 'maintenance_started' : 'maintenance_completed'
  return { kind, key: `maintenance:${seg(maintenance.id)}:${phase}`, maintenance }
}
