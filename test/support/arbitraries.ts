import fc from 'fast-check'
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_STATUSES,
  LEVELS,
  MAINTENANCE_STATUSES,
  PLATFORMS,
  type Component,
  type ComponentStatus,
  type Group,
  type Impact,
  type Incident,
  type IncidentStatus,
  type Maintenance,
  type MaintenanceStatus,
  type Snapshot,
  type Update,
} from '../../src/model.ts'

/**
 * fast-check arbitraries for the engine's model, shared by property tests.
 *
 * - `snapshotArb`: one arbitrary snapshot, with hostile ids (':' in ids, '__proto__', empty…),
 *   names reused across groups ("Login" in several), any statuses.
 * - `timelineArb`: a plausible life of one page, as a list of operations (shrinkable) played by
 *   a small model into a list of snapshots: incidents open, gain updates, resolve (visibly or by
 *   dropping out of the list), flap out and back, reopen; components change, appear, vanish;
 *   maintenances are scheduled, start, complete or are cancelled.
 */

// ---------------------------------------------------------------------------------------------
// Single values

/** Ids as providers hand them over: mostly tame, sometimes hostile. */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]{1,6}$/) },
  { weight: 1, arbitrary: fc.constantFrom('1', 'login', 'a:b', 'x:update:y', ':', '%3A', '__proto__', 'constructor', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
)

/** Few names, so the same name shows up in several groups. */
export const componentNameArb = fc.constantFrom('Login', 'API', 'Files', 'Dashboard', 'Webhooks')

export const timeArb: fc.Arbitrary<number | null> = fc.option(fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 }), {
  nil: null,
})
export const urlArb: fc.Arbitrary<string | null> = fc.option(fc.webUrl(), { nil: null })
export const impactArb: fc.Arbitrary<Impact> = fc.constantFrom(...IMPACTS)
export const componentStatusArb: fc.Arbitrary<ComponentStatus> = fc.constantFrom(...COMPONENT_STATUSES)
export const incidentStatusArb: fc.Arbitrary<IncidentStatus> = fc.constantFrom(...INCIDENT_STATUSES)
export const maintenanceStatusArb: fc.Arbitrary<MaintenanceStatus> = fc.constantFrom(...MAINTENANCE_STATUSES)

export function updateArb(status: fc.Arbitrary<IncidentStatus | MaintenanceStatus>): fc.Arbitrary<Update> {
  return fc.record({ id: idArb, status, text: fc.string({ maxLength: 20 }), at: timeArb })
}

export interface SnapshotOptions {
  /** Allow repeated ids within a list (a broken provider); default false. */
  readonly duplicateIds?: boolean
  readonly maxIncidents?: number
  readonly maxUpdates?: number
  readonly maxComponents?: number
  readonly maxMaintenances?: number
}

function listArb<T extends { readonly id: string }>(item: fc.Arbitrary<T>, maxLength: number, duplicates: boolean): fc.Arbitrary<T[]> {
  return duplicates ? fc.array(item, { maxLength }) : fc.uniqueArray(item, { maxLength, selector: (x) => x.id })
}

export function incidentArb(options: SnapshotOptions = {}): fc.Arbitrary<Incident> {
  return fc.record({
    id: idArb,
    name: fc.string({ maxLength: 20 }),
    // Mostly unresolved, as the model promises, but some sources list recently resolved ones.
    status: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<IncidentStatus>('investigating', 'identified', 'monitoring') }, incidentStatusArb),
    impact: impactArb,
    url: urlArb,
    startedAt: timeArb,
    updates: listArb(updateArb(incidentStatusArb), options.maxUpdates ?? 4, options.duplicateIds ?? false),
    componentIds: fc.array(idArb, { maxLength: 3 }),
  })
}

export function maintenanceArb(options: SnapshotOptions = {}): fc.Arbitrary<Maintenance> {
  return fc.record({
    id: idArb,
    name: fc.string({ maxLength: 20 }),
    status: maintenanceStatusArb,
    impact: impactArb,
    url: urlArb,
    scheduledFor: timeArb,
    scheduledUntil: timeArb,
    updates: listArb(updateArb(maintenanceStatusArb), options.maxUpdates ?? 2, options.duplicateIds ?? false),
    componentIds: fc.array(idArb, { maxLength: 3 }),
  })
}

export function snapshotArb(options: SnapshotOptions = {}): fc.Arbitrary<Snapshot> {
  const duplicates = options.duplicateIds ?? false
  return fc
    .uniqueArray(fc.record({ id: idArb, name: fc.constantFrom('APIs', 'ChatGPT', 'Sora', 'Other') }), {
      maxLength: 3,
      selector: (g) => g.id,
    })
    .chain((groups: Group[]) => {
      const groupId = groups.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...groups.map((g) => g.id)), { nil: null })
      const component: fc.Arbitrary<Component> = fc.record({ id: idArb, name: componentNameArb, groupId, status: componentStatusArb })
      return fc.record({
        platform: fc.constantFrom(...PLATFORMS),
        page: fc.record({ name: fc.constantFrom('OpenAI', 'GitHub'), url: fc.constantFrom('https://status.openai.com', 'https://www.githubstatus.com') }),
        level: fc.constantFrom(...LEVELS),
        components: listArb(component, options.maxComponents ?? 8, duplicates),
        groups: fc.constant(groups),
        incidents: listArb(incidentArb(options), options.maxIncidents ?? 4, duplicates),
        maintenances: listArb(maintenanceArb(options), options.maxMaintenances ?? 3, duplicates),
      })
    })
}

// ---------------------------------------------------------------------------------------------
// Timelines

/**
 * One step in the life of a page. `pick` chooses among the eligible items (modulo their count);
 * an operation with nothing eligible does nothing. Only `snapshot` produces a snapshot.
 */
export type TimelineOp =
  | { readonly op: 'snapshot' }
  /** A new incident, listed with `updates` updates already (0–3). */
  | { readonly op: 'open'; readonly updates: number; readonly impact: Impact; readonly component: number }
  | { readonly op: 'update'; readonly pick: number; readonly status: 'investigating' | 'identified' | 'monitoring' }
  /** Adds a 'resolved' update; `listed`: still listed as resolved at the next snapshot, else gone at once. */
  | { readonly op: 'resolve'; readonly pick: number; readonly listed: boolean }
  /** Leaves the list with no update at all. */
  | { readonly op: 'drop'; readonly pick: number }
  /** Leaves the list for `polls` snapshots, then is listed again as if nothing happened. */
  | { readonly op: 'flap'; readonly pick: number; readonly polls: number }
  /** One of the last few closed incidents is listed again, investigating, with a new update. */
  | { readonly op: 'reopen'; readonly pick: number }
  | { readonly op: 'component'; readonly pick: number; readonly status: ComponentStatus }
  | { readonly op: 'addComponent'; readonly status: ComponentStatus; readonly group: number; readonly name: number }
  | { readonly op: 'removeComponent'; readonly pick: number }
  | { readonly op: 'schedule' }
  /** scheduled → in_progress → verifying → completed (listed once as completed, then gone). */
  | { readonly op: 'advance'; readonly pick: number }
  /** Leaves the list whatever its stage. */
  | { readonly op: 'cancel'; readonly pick: number }

export interface Timeline {
  readonly ops: readonly TimelineOp[]
  /** At least one. */
  readonly snapshots: readonly Snapshot[]
}

export interface TimelineOptions {
  readonly minOps?: number
  /** Lengths are drawn up to this (fast-check's default size would keep them under ~10). */
  readonly maxOps?: number
  /** Relative weights of the operations, e.g. more `open` and `resolve` for a busy page. */
  readonly weights?: Partial<Record<TimelineOp['op'], number>>
  /** Prepended to incident, update and maintenance ids: try ':'-laden ids. */
  readonly idPrefix?: fc.Arbitrary<string>
}

/** Model caps: keep the page plausible (and below SEEN_STATE_LIMITS). */
export const TIMELINE_CAPS = { incidents: 20, updatesPerIncident: 30, closedPool: 5, components: 30, maintenances: 10 } as const

const pick = fc.nat({ max: 1000 })

const DEFAULT_WEIGHTS: Readonly<Record<TimelineOp['op'], number>> = {
  snapshot: 25,
  open: 12,
  update: 15,
  resolve: 8,
  drop: 3,
  flap: 3,
  reopen: 2,
  component: 10,
  addComponent: 5,
  removeComponent: 2,
  schedule: 4,
  advance: 5,
  cancel: 2,
}

export function timelineOpArb(weights: Partial<Record<TimelineOp['op'], number>> = {}): fc.Arbitrary<TimelineOp> {
  const w = { ...DEFAULT_WEIGHTS, ...weights }
  const updateStatus = fc.constantFrom('investigating' as const, 'identified' as const, 'monitoring' as const)
  return fc.oneof(
    { weight: w.snapshot, arbitrary: fc.constant({ op: 'snapshot' as const }) },
    { weight: w.open, arbitrary: fc.record({ op: fc.constant('open' as const), updates: fc.nat({ max: 3 }), impact: impactArb, component: pick }) },
    { weight: w.update, arbitrary: fc.record({ op: fc.constant('update' as const), pick, status: updateStatus }) },
    { weight: w.resolve, arbitrary: fc.record({ op: fc.constant('resolve' as const), pick, listed: fc.boolean() }) },
    { weight: w.drop, arbitrary: fc.record({ op: fc.constant('drop' as const), pick }) },
    { weight: w.flap, arbitrary: fc.record({ op: fc.constant('flap' as const), pick, polls: fc.integer({ min: 1, max: 2 }) }) },
    { weight: w.reopen, arbitrary: fc.record({ op: fc.constant('reopen' as const), pick }) },
    { weight: w.component, arbitrary: fc.record({ op: fc.constant('component' as const), pick, status: componentStatusArb }) },
    { weight: w.addComponent, arbitrary: fc.record({ op: fc.constant('addComponent' as const), status: componentStatusArb, group: pick, name: pick }) },
    { weight: w.removeComponent, arbitrary: fc.record({ op: fc.constant('removeComponent' as const), pick }) },
    { weight: w.schedule, arbitrary: fc.constant({ op: 'schedule' as const }) },
    { weight: w.advance, arbitrary: fc.record({ op: fc.constant('advance' as const), pick }) },
    { weight: w.cancel, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick }) },
  )
}

export function timelineArb(options: TimelineOptions = {}): fc.Arbitrary<Timeline> {
  const ops = fc.array(timelineOpArb(options.weights), { minLength: options.minOps ?? 1, maxLength: options.maxOps ?? 60, size: 'max' })
  const prefix = options.idPrefix ?? fc.constantFrom('', 'a:', 'x:update:')
  return fc.tuple(ops, prefix).map(([list, p]) => ({ ops: list, snapshots: playTimeline(list, p) }))
}

const GROUPS: readonly Group[] = [
  { id: 'g-api', name: 'APIs' },
  { id: 'g-chat', name: 'ChatGPT' },
]
const COMPONENT_NAMES = ['Login', 'API', 'Files'] as const
const MAINTENANCE_NEXT: Readonly<Record<MaintenanceStatus, MaintenanceStatus>> = {
  scheduled: 'in_progress',
  in_progress: 'verifying',
  verifying: 'completed',
  completed: 'completed',
}

interface LiveIncident {
  id: string
  impact: Impact
  status: IncidentStatus
  /** Newest first. */
  updates: Update[]
  updateCount: number
  componentIds: string[]
  startedAt: number
  /** Snapshots left during which it is not listed (flapping). */
  hiddenFor: number
  /** Listed as resolved at the next snapshot, then gone. */
  leavesAfterSnapshot: boolean
}

interface LiveMaintenance {
  id: string
  status: MaintenanceStatus
  scheduledFor: number
}

const choose = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length])

/** Plays operations into snapshots; always ends with a snapshot. Deterministic. */
export function playTimeline(ops: readonly TimelineOp[], idPrefix = ''): Snapshot[] {
  let clock = 1_700_000_000_000
  let incidentCount = 0
  let componentCount = 0
  let maintenanceCount = 0
  let incidents: LiveIncident[] = []
  let closed: LiveIncident[] = []
  let components: Component[] = []
  let maintenances: LiveMaintenance[] = []
  const snapshots: Snapshot[] = []

  const addUpdate = (incident: LiveIncident, status: IncidentStatus): void => {
    incident.updateCount += 1
    // Update ids repeat across incidents ("u1" everywhere), as synthesized ids do.
    incident.updates.unshift({ id: `${idPrefix}u${incident.updateCount}`, status, text: `${status} #${incident.updateCount}`, at: clock })
    incident.updates.length = Math.min(incident.updates.length, TIMELINE_CAPS.updatesPerIncident)
    incident.status = status
  }
  const close = (incident: LiveIncident): void => {
    incidents = incidents.filter((i) => i !== incident)
    closed = [incident, ...closed].slice(0, TIMELINE_CAPS.closedPool)
  }
  const open = () => incidents.filter((i) => i.status !== 'resolved' && !i.leavesAfterSnapshot)

  const snapshot = (): Snapshot => {
    const listed = incidents.filter((i) => i.hiddenFor === 0)
    return {
      platform: 'statuspage',
      page: { name: 'Example', url: 'https://status.example.com' },
      level: 'operational',
      components: components.map((c) => ({ ...c })),
      groups: GROUPS,
      incidents: listed.map((i) => ({
        id: i.id,
        name: `Incident ${i.id}`,
        status: i.status,
        impact: i.impact,
        url: `https://status.example.com/incidents/${encodeURIComponent(i.id)}`,
        startedAt: i.startedAt,
        updates: [...i.updates],
        componentIds: [...i.componentIds],
      })),
      maintenances: maintenances.map((m) => ({
        id: m.id,
        name: `Maintenance ${m.id}`,
        status: m.status,
        impact: 'maintenance' as const,
        url: null,
        scheduledFor: m.scheduledFor,
        scheduledUntil: m.scheduledFor + 3_600_000,
        updates: [],
        componentIds: [],
      })),
    }
  }

  const all: readonly TimelineOp[] = ops.at(-1)?.op === 'snapshot' ? ops : [...ops, { op: 'snapshot' }]
  for (const op of all) {
    clock += 1000
    switch (op.op) {
      case 'snapshot': {
        snapshots.push(snapshot())
        for (const i of incidents) if (i.hiddenFor > 0) i.hiddenFor -= 1
        for (const i of incidents.filter((x) => x.leavesAfterSnapshot)) close(i)
        maintenances = maintenances.filter((m) => m.status !== 'completed')
        break
      }
      case 'open': {
        if (incidents.length >= TIMELINE_CAPS.incidents) break
        incidentCount += 1
        const component = choose(components, op.component)
        const incident: LiveIncident = {
          id: `${idPrefix}inc-${incidentCount}`,
          impact: op.impact,
          status: 'investigating',
          updates: [],
          updateCount: 0,
          componentIds: component ? [component.id] : [],
          startedAt: clock,
          hiddenFor: 0,
          leavesAfterSnapshot: false,
        }
        const statuses: IncidentStatus[] = ['investigating', 'identified', 'monitoring']
        for (let n = 0; n < op.updates; n++) addUpdate(incident, statuses[n] ?? 'monitoring')
        incidents.push(incident)
        break
      }
      case 'update': {
        const incident = choose(open(), op.pick)
        if (incident) addUpdate(incident, op.status)
        break
      }
      case 'resolve': {
        const incident = choose(open(), op.pick)
        if (!incident) break
        addUpdate(incident, 'resolved')
        if (op.listed) incident.leavesAfterSnapshot = true
        else close(incident)
        break
      }
      case 'drop': {
        const incident = choose(open(), op.pick)
        if (incident) close(incident)
        break
      }
      case 'flap': {
        const incident = choose(open(), op.pick)
        if (incident) incident.hiddenFor = Math.max(incident.hiddenFor, op.polls)
        break
      }
      case 'reopen': {
        const incident = choose(closed, op.pick)
        if (!incident || incidents.length >= TIMELINE_CAPS.incidents) break
        closed = closed.filter((i) => i !== incident)
        incident.hiddenFor = 0
        incident.leavesAfterSnapshot = false
        addUpdate(incident, 'investigating')
        incidents.push(incident)
        break
      }
      case 'component': {
        const component = choose(components, op.pick)
        if (component) components = components.map((c) => (c === component ? { ...c, status: op.status } : c))
        break
      }
      case 'addComponent': {
        if (components.length >= TIMELINE_CAPS.components) break
        componentCount += 1
        const group = choose([...GROUPS, null], op.group) ?? null
        const name = choose(COMPONENT_NAMES, op.name) ?? 'API'
        components.push({ id: `c${componentCount}`, name, groupId: group === null ? null : group.id, status: op.status })
        break
      }
      case 'removeComponent': {
        const component = choose(components, op.pick)
        if (component) components = components.filter((c) => c !== component)
        break
      }
      case 'schedule': {
        if (maintenances.length >= TIMELINE_CAPS.maintenances) break
        maintenanceCount += 1
        maintenances.push({ id: `${idPrefix}mnt-${maintenanceCount}`, status: 'scheduled', scheduledFor: clock + 86_400_000 })
        break
      }
      case 'advance': {
        const maintenance = choose(maintenances, op.pick)
        if (maintenance) maintenance.status = MAINTENANCE_NEXT[maintenance.status]
        break
      }
      case 'cancel': {
        const maintenance = choose(maintenances, op.pick)
        if (maintenance) maintenances = maintenances.filter((m) => m !== maintenance)
        break
      }
    }
  }
  return snapshots
}
