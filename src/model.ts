/**
 * The normalized snapshot every provider produces; the rest of the engine and the extension only
 * see these types. Times are epoch ms (null when unknown): they survive a JSON round trip.
 */

/**
 * `feed` (Atom/RSS, which nearly every platform publishes) is the fallback when no JSON API is
 * readable. A new id makes the compiler ask for its provider in providers/index.ts.
 */
export const PLATFORMS = ['statuspage', 'incidentio', 'instatus', 'betterstack', 'aws', 'feed', 'slack', 'statusio', 'cstate', 'google', 'sorry', 'statuscast', 'statuspal', 'statushub', 'azure', 'site24x7'] as const
export type Platform = (typeof PLATFORMS)[number]

/** Stored pages and files from other builds carry platform ids this build may not know. */
export function isPlatform(value: unknown): value is Platform {
  return PLATFORMS.some((platform) => platform === value)
}

/** Statuspage's vocabulary; incident.io's `full_outage` is mapped to `major_outage`. */
export const COMPONENT_STATUSES = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number]

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number]

export const IMPACTS = ['none', 'maintenance', 'minor', 'major', 'critical'] as const
export type Impact = (typeof IMPACTS)[number]

export const LEVELS = ['operational', 'maintenance', 'minor', 'major', 'critical'] as const
export type Level = (typeof LEVELS)[number]

export interface Group {
  readonly id: string
  readonly name: string
}

export interface Component {
  readonly id: string
  readonly name: string
  readonly groupId: string | null
  readonly status: ComponentStatus
}

export interface Update {
  readonly id: string
  readonly status: IncidentStatus | MaintenanceStatus
  /** Plain text: HTML and ProseMirror are flattened by the provider. */
  readonly text: string
  readonly at: number | null
}

export interface Incident {
  readonly id: string
  readonly name: string
  readonly status: IncidentStatus
  readonly impact: Impact
  readonly url: string | null
  readonly startedAt: number | null
  /** Newest first. */
  readonly updates: readonly Update[]
  readonly componentIds: readonly string[]
}

export interface Maintenance {
  readonly id: string
  readonly name: string
  readonly status: MaintenanceStatus
  readonly impact: Impact
  readonly url: string | null
  readonly scheduledFor: number | null
  readonly scheduledUntil: number | null
  /** Newest first. */
  readonly updates: readonly Update[]
  readonly componentIds: readonly string[]
}

export interface Snapshot {
  readonly platform: Platform
  readonly page: {
    readonly name: string
    /** The human page (https://status.openai.com), for links. */
    readonly url: string
  }
  /** The page's own overall level where it publishes one, else what its rows say. */
  readonly level: Level
  /** What the rows say, present only when worse than the page's own level (see providers/page-level.ts). */
  readonly reading?: Level
  /** Components in page order; group rows are not components. */
  readonly components: readonly Component[]
  readonly groups: readonly Group[]
  /** Unresolved incidents only. */
  readonly incidents: readonly Incident[]
  /** Upcoming and in-progress maintenances only. */
  readonly maintenances: readonly Maintenance[]
}

export const LEVEL_RANK: Readonly<Record<Level, number>> = {
  operational: 0,
  maintenance: 1,
  minor: 2,
  major: 3,
  critical: 4,
}

export const COMPONENT_STATUS_RANK: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
}

export function levelOfComponentStatus(status: ComponentStatus): Level {
  switch (status) {
    case 'operational':
      return 'operational'
    case 'under_maintenance':
      return 'maintenance'
    case 'degraded_performance':
      return 'minor'
    case 'partial_outage':
      return 'major'
    case 'major_outage':
      return 'critical'
  }
}

/** The impact a component status says, in an incident's terms (history entries, incident.io's impacts). */
export const IMPACT_OF_COMPONENT_STATUS: Readonly<Record<ComponentStatus, Impact>> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
}

/** An incident (or update) that says it is over. */
export function isClosedStatus(status: IncidentStatus | MaintenanceStatus): boolean {
  return status === 'resolved' || status === 'postmortem'
}

export function worstLevel(levels: Iterable<Level>): Level {
  let worst: Level = 'operational'
  for (const level of levels) if (LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level
  return worst
}

/** "Group / Component": names repeat across groups ("Login" in several), so show both. */
export function componentLabel(snapshot: Pick<Snapshot, 'groups'>, component: Component): string {
  const group = component.groupId === null ? undefined : groupById(snapshot.groups, component.groupId)
  return group ? `${group.name} / ${component.name}` : component.name
}

// A page may have tens of thousands of groups: a scan per label would be quadratic. Snapshots
// are never mutated, so each group list is indexed once.
const groupIndexes = new WeakMap<readonly Group[], ReadonlyMap<string, Group>>()
const SCANNED_GROUPS = 16

function groupById(groups: readonly Group[], id: string): Group | undefined {
  if (groups.length <= SCANNED_GROUPS) return groups.find((group) => group.id === id)
  let index = groupIndexes.get(groups)
  if (index === undefined) {
    const byId = new Map<string, Group>()
    // The first of a repeated id, as a scan would find it.
    for (const group of groups) if (!byId.has(group.id)) byId.set(group.id, group)
    groupIndexes.set(groups, byId)
    index = byId
  }
  return index.get(id)
}

/** The level to alert on (badge, priority): the page's own word, or our reading where that is worse. */
export function alertLevel(snapshot: Pick<Snapshot, 'level' | 'reading'>): Level {
  return snapshot.reading ?? snapshot.level
}

/** Whether anything on the page is wrong right now: drives the 15 s cadence. */
export function isDisturbed(snapshot: Snapshot): boolean {
  return (
    snapshot.incidents.length > 0 ||
    snapshot.components.some((c) => c.status !== 'operational') ||
    snapshot.maintenances.some((m) => m.status === 'in_progress' || m.status === 'verifying')
  )
}
