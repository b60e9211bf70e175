import type { MonitorEvent } from './events.ts'
import { componentLabel, isClosedStatus, type Incident, type Maintenance, type MaintenanceStatus, type Snapshot, type Update } from './model.ts'
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
 * Reports each change once. At first sight (`previous === null`: nothing stored, or corrupt) what
 * is ongoing is reported once, the past never.
 *
 * Incidents
 * - new and unresolved → `incident_opened` with its latest update; all its updates count as seen.
 * - new and already resolved/postmortem → `incident_resolved` (it started and ended between two
 *   polls); at first sight it is history and stays silent.
 * - each unseen update → `incident_updated`, oldest first; when the status turns resolved, the
 *   newest unseen update (if resolved/postmortem) rides on `incident_resolved` instead.
 * - an open incident absent from one answer is only remembered as missing: that answer may be
 *   incomplete (a stale CDN copy). Absent from the next too → `incident_resolved` with update
 *   null, rebuilt from the seen-state. Back first → nothing about the gap.
 * - a closed incident that comes back unresolved (a flap, or a reopen) is NOT new: only its
 *   unseen updates are reported. With none it stays closed, so flapping out again is silent;
 *   after a reported update it is open again and its next resolution gets a new key.
 *
 * Components (by page-wide id, never name: "Login" repeats across groups)
 * - every status change → `component_changed`, recovery included; a gone one is forgotten silently.
 *
 * Maintenances (stages only move forward: scheduled → started → completed)
 * - a new stage is reported once (stages skipped between polls are not); one already completed
 *   when first seen is the past. Absent from two answers in a row after having started: completed.
 * - a scheduled one that drops out is a cancellation: silent; if it comes back it carries on.
 *
 * Keys are deterministic and unique per page over time, with ids URI-encoded so an id containing
 * ':' cannot forge another key. An id forgotten under SEEN_STATE_LIMITS and reused much later may
 * repeat a key whose notification is long gone.
 *
 * Diffing the same snapshot again is quiet, except that the second answer confirms what the
 * first left missing: so an equal answer (a 304, the same body) must still be diffed while
 * `awaitsConfirmation(seen)`.
 */
export function diffSnapshot(
  previous: SeenState | null,
  snapshot: Snapshot,
  options: DiffOptions = {},
): { events: MonitorEvent[]; seen: SeenState } {
  const prev = previous ?? EMPTY_SEEN_STATE
  const incidents = diffIncidents(prev, snapshot, previous === null, options)
  const components = diffComponents(prev, snapshot, previous === null)
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
   * Another endpoint than the seen-state's (e.g. incident.io's summary.json fallback): incident ids
   * are shared but update ids are not, so known incidents' updates are taken as seen silently;
   * re-announcing them all would be worse than missing a real one in that poll.
   */
  readonly sourceChanged?: boolean
  /**
   * After a gap (history/occasion.ts) an unseen incident that is already closed opened and ended
   * meanwhile: it is told as both, each at its own time, where otherwise only its end is new.
   */
  readonly gap?: boolean
}

const L = SEEN_STATE_LIMITS

const seg = encodeURIComponent


/** Providers should not repeat ids, but a page might. */
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

function diffIncidents(
  prev: SeenState,
  snapshot: Snapshot,
  firstSight: boolean,
  { sourceChanged = false, gap = false }: DiffOptions,
): { events: MonitorEvent[]; seen: SeenIncident[]; missing: SeenIncident[]; gone: GoneIncident[] } {
  const listed = new Map([...prev.incidents, ...prev.missingIncidents].map((r) => [r.id, r]))
  const goneBefore = new Map(prev.goneIncidents.map((r) => [r.id, r]))
  const events: MonitorEvent[] = []
  const seen: SeenIncident[] = []

  const current = distinctById(snapshot.incidents, L.incidents)
  const currentIds = new Set(current.map((i) => i.id))

  for (const incident of current) {
    const updates = distinctById(incident.updates, L.updatesPerIncident)
    const closed = isClosedStatus(incident.status)
    const listedBefore = listed.get(incident.id)
    const known = listedBefore ?? goneBefore.get(incident.id)

    if (known === undefined) {
      const latest = updates[0] ?? null
      const reportResolved = closed && !firstSight
      const opening = updates.at(-1)
      if (!closed) events.push(opened(incident, latest))
      else if (reportResolved && gap && opening !== undefined && !isClosedStatus(opening.status)) events.push(opened(incident, opening))
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
    const open = !closed && (wasOpen || unseen.length > 0)
    seen.push(remember(incident, open, closures, updates, known.updateIds))
  }

  const missing = prev.incidents.filter((r) => r.open && !currentIds.has(r.id))
  const dropped: GoneIncident[] = prev.incidents.filter((r) => !r.open && !currentIds.has(r.id)).map(goneIncident)
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

function rebuildIncident(r: SeenIncident): Incident {
  return { id: r.id, name: r.name, status: 'resolved', impact: r.impact, url: r.url, startedAt: r.startedAt, updates: [], componentIds: r.componentIds }
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

function diffComponents(prev: SeenState, snapshot: Snapshot, firstSight: boolean): { events: MonitorEvent[]; seen: SeenComponent[]; seq: number } {
  const before = new Map(prev.components.map((c) => [c.id, c.status]))
  // Only the non-operational are stored: an absent one was operational, unless nothing was seen yet.
  const unseen = firstSight ? null : 'operational'
  const events: MonitorEvent[] = []
  const seen: SeenComponent[] = []
  let seq = prev.seq
  for (const component of distinctById(snapshot.components, L.components)) {
    const from = before.get(component.id) ?? unseen
    const to = component.status
    if ((from ?? 'operational') !== to) {
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

const PHASE_RANK: Readonly<Record<MaintenancePhase, number>> = { scheduled: 0, started: 1, completed: 2 }
const PHASE_OF: Readonly<Record<MaintenanceStatus, MaintenancePhase>> = { scheduled: 'scheduled', in_progress: 'started', verifying: 'started', completed: 'completed' }

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
    const target = PHASE_OF[maintenance.status]
    const record = known.get(maintenance.id)
    let phase = target
    if (record === undefined) {
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

  const missing = prev.maintenances.filter((r) => r.phase === 'started' && !currentIds.has(r.id))
  const dropped: GoneMaintenance[] = prev.maintenances
    .filter((r) => r.phase !== 'started' && !currentIds.has(r.id))
    .map((r) => ({ id: r.id, phase: r.phase }))
  for (const record of prev.missingMaintenances) {
    if (currentIds.has(record.id)) continue
    if (record.phase === 'started') events.push(maintenanceEvent(rebuildMaintenance(record), 'completed'))
    dropped.push({ id: record.id, phase: record.phase === 'started' ? 'completed' : record.phase })
  }
  const gone = [...dropped, ...prev.goneMaintenances.filter((r) => !currentIds.has(r.id))].slice(0, L.goneMaintenances)
  return { events, seen, missing, gone }
}

function rebuildMaintenance(r: SeenMaintenance): Maintenance {
  return { id: r.id, name: r.name, status: 'completed', impact: r.impact, url: r.url, scheduledFor: r.scheduledFor, scheduledUntil: r.scheduledUntil, updates: [], componentIds: r.componentIds }
}

function maintenanceEvent(maintenance: Maintenance, phase: MaintenancePhase): MonitorEvent {
  const kind = phase === 'scheduled' ? 'maintenance_scheduled' : phase === 'started' ? 'maintenance_started' : 'maintenance_completed'
  return { kind, key: `maintenance:${seg(maintenance.id)}:${phase}`, maintenance }
}
