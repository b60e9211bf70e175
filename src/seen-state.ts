import { COMPONENT_STATUSES, IMPACTS, type ComponentStatus, type Impact } from './model.ts'
import { fail, isOneOf, isRecord, readOrNull, type JsonObject } from './untrusted.ts'

/**
 * What the engine remembers about one page so that nothing is reported twice: plain JSON, bounded
 * by SEEN_STATE_LIMITS whatever the page does. Written by `diffSnapshot` only, read by `parseSeenState`.
 */
export interface SeenState {
  readonly version: typeof SEEN_STATE_VERSION
  /** Component changes ever reported: in the keys, so degraded → operational → degraded gives two keys. */
  readonly seq: number
  readonly incidents: readonly SeenIncident[]
  /** Open incidents absent from the last answer only: their end waits for the next (diffSnapshot). */
  readonly missingIncidents: readonly SeenIncident[]
  /** All closed by then, most recently gone first. */
  readonly goneIncidents: readonly GoneIncident[]
  /** Non-operational components only: a component with no entry is operational (or new). */
  readonly components: readonly SeenComponent[]
  readonly maintenances: readonly SeenMaintenance[]
  readonly missingMaintenances: readonly SeenMaintenance[]
  readonly goneMaintenances: readonly GoneMaintenance[]
}

export interface SeenIncident {
  readonly id: string
  /** Name to components: enough to rebuild the incident when it drops silently. */
  readonly name: string
  readonly impact: Impact
  readonly url: string | null
  readonly startedAt: number | null
  readonly componentIds: readonly string[]
  /** Whether the last news reported says it is ongoing (a reopen needs a reported update). */
  readonly open: boolean
  /** `incident_resolved` events reported: a reopened incident resolves again under a new key. */
  readonly closures: number
  /** Update ids already reported or deliberately skipped (history at first sight), newest first. */
  readonly updateIds: readonly string[]
}

export interface GoneIncident {
  readonly id: string
  readonly closures: number
  readonly updateIds: readonly string[]
}

export interface SeenComponent {
  readonly id: string
  readonly status: ComponentStatus
}

/** The furthest maintenance stage already reported: stages only move forward. */
export const MAINTENANCE_PHASES = ['scheduled', 'started', 'completed'] as const
export type MaintenancePhase = (typeof MAINTENANCE_PHASES)[number]

export interface SeenMaintenance {
  readonly id: string
  readonly name: string
  readonly impact: Impact
  readonly url: string | null
  readonly scheduledFor: number | null
  readonly scheduledUntil: number | null
  readonly componentIds: readonly string[]
  readonly phase: MaintenancePhase
}

export interface GoneMaintenance {
  readonly id: string
  readonly phase: MaintenancePhase
}

/** 2: missingIncidents and missingMaintenances (an end is confirmed by a second answer). */
export const SEEN_STATE_VERSION = 2

/** Far above real pages, so a hostile page cannot grow storage; what lies beyond is ignored, never half-remembered. */
export const SEEN_STATE_LIMITS = {
  incidents: 100,
  goneIncidents: 50,
  updatesPerIncident: 50,
  components: 1000,
  maintenances: 50,
  goneMaintenances: 50,
  componentIdsPerItem: 50,
  /** UTF-16 units; longer names are cut, longer urls remembered as null. */
  nameLength: 300,
  urlLength: 2048,
} as const

export const EMPTY_SEEN_STATE: SeenState = {
  version: SEEN_STATE_VERSION,
  seq: 0,
  incidents: [],
  missingIncidents: [],
  goneIncidents: [],
  components: [],
  maintenances: [],
  missingMaintenances: [],
  goneMaintenances: [],
}

/**
 * Older versions are migrated (an extension update announces nothing again); anything no version
 * could have written is null: first sight, which re-announces what is ongoing but never the past.
 */
export function parseSeenState(json: unknown): SeenState | null {
  return readOrNull(() => readState(json))
}

function invalid(): never {
  return fail('seen-state', 'a state some version could have written')
}

type Migration = (state: JsonObject) => JsonObject

/** `MIGRATIONS[n - 1]` turns a state of version n into version n + 1. */
const MIGRATIONS: readonly Migration[] = [
  // 1 → 2: every drop was announced at once, so nothing awaits a second answer.
  (state) => ({ ...state, missingIncidents: [], missingMaintenances: [] }),
]

function migrated(json: unknown): JsonObject {
  let o = obj(json)
  const version = o.version
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1 || version > SEEN_STATE_VERSION) invalid()
  for (let v = version; v < SEEN_STATE_VERSION; v++) {
    const migrate = MIGRATIONS[v - 1]
    if (migrate === undefined) invalid()
    o = migrate(o)
  }
  return o
}

function readState(json: unknown): SeenState {
  const o = migrated(json)
  const L = SEEN_STATE_LIMITS
  const state: SeenState = {
    version: SEEN_STATE_VERSION,
    seq: count(o.seq),
    incidents: list(o.incidents, L.incidents, readIncident),
    missingIncidents: list(o.missingIncidents, L.incidents, readIncident),
    goneIncidents: list(o.goneIncidents, L.goneIncidents, readGoneIncident),
    components: list(o.components, L.components, readComponent),
    maintenances: list(o.maintenances, L.maintenances, readMaintenance),
    missingMaintenances: list(o.missingMaintenances, L.maintenances, readMaintenance),
    goneMaintenances: list(o.goneMaintenances, L.goneMaintenances, readGoneMaintenance),
  }
  // An item is in one list only: the diff looks ids up in all of them.
  distinct([...state.incidents, ...state.missingIncidents, ...state.goneIncidents].map((i) => i.id))
  distinct(state.components.map((c) => c.id))
  distinct([...state.maintenances, ...state.missingMaintenances, ...state.goneMaintenances].map((m) => m.id))
  return state
}

function readIncident(json: unknown): SeenIncident {
  const o = obj(json)
  return { ...readItem(o), startedAt: time(o.startedAt), componentIds: componentIds(o), open: bool(o.open), closures: count(o.closures), updateIds: updateIds(o.updateIds) }
}

function readGoneIncident(json: unknown): GoneIncident {
  const o = obj(json)
  return { id: str(o.id), closures: count(o.closures), updateIds: updateIds(o.updateIds) }
}

function readComponent(json: unknown): SeenComponent {
  const o = obj(json)
  return { id: str(o.id), status: member(COMPONENT_STATUSES, o.status) }
}

function readMaintenance(json: unknown): SeenMaintenance {
  const o = obj(json)
  return { ...readItem(o), scheduledFor: time(o.scheduledFor), scheduledUntil: time(o.scheduledUntil), componentIds: componentIds(o), phase: member(MAINTENANCE_PHASES, o.phase) }
}

function readGoneMaintenance(json: unknown): GoneMaintenance {
  const o = obj(json)
  return { id: str(o.id), phase: member(MAINTENANCE_PHASES, o.phase) }
}

function readItem(o: JsonObject): Pick<SeenIncident, 'id' | 'name' | 'impact' | 'url'> {
  return { id: str(o.id), name: name(o.name), impact: member(IMPACTS, o.impact), url: url(o.url) }
}

function componentIds(o: JsonObject): readonly string[] {
  return list(o.componentIds, SEEN_STATE_LIMITS.componentIdsPerItem, str)
}

function updateIds(json: unknown): readonly string[] {
  const ids = list(json, SEEN_STATE_LIMITS.updatesPerIncident, str)
  distinct(ids)
  return ids
}

function obj(json: unknown): JsonObject {
  return isRecord(json) ? json : invalid()
}

function list<T>(json: unknown, max: number, read: (item: unknown) => T): readonly T[] {
  if (!Array.isArray(json) || json.length > max) invalid()
  return json.map((item: unknown) => read(item))
}

function str(json: unknown): string {
  if (typeof json !== 'string') invalid()
  return json
}

function name(json: unknown): string {
  const s = str(json)
  if (s.length > SEEN_STATE_LIMITS.nameLength) invalid()
  return s
}

function url(json: unknown): string | null {
  if (json === null) return null
  const s = str(json)
  if (s.length > SEEN_STATE_LIMITS.urlLength) invalid()
  return s
}

function bool(json: unknown): boolean {
  if (typeof json !== 'boolean') invalid()
  return json
}

function count(json: unknown): number {
  if (typeof json !== 'number' || !Number.isSafeInteger(json) || json < 0) invalid()
  return json
}

function time(json: unknown): number | null {
  if (json === null) return null
  if (typeof json !== 'number' || !Number.isFinite(json)) invalid()
  return json
}

function member<T extends string>(values: readonly T[], json: unknown): T {
  return isOneOf(values, json) ? json : invalid()
}

function distinct(ids: readonly string[]): void {
  if (new Set(ids).size !== ids.length) invalid()
}

/** Names as remembered: cut to the bound without leaving half a surrogate pair. */
export function rememberedName(value: string): string {
  if (value.length <= SEEN_STATE_LIMITS.nameLength) return value
  const cut = value.slice(0, SEEN_STATE_LIMITS.nameLength)
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut
}

/** Urls as remembered: a cut url would be a wrong link, so an overlong one is dropped. */
export function rememberedUrl(value: string | null): string | null {
  return value !== null && value.length <= SEEN_STATE_LIMITS.urlLength ? value : null
}

/** Times as remembered: JSON has no NaN/Infinity and turns -0 into 0. */
export function rememberedTime(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null
  return value === 0 ? 0 : value
}
