import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, LEVELS, MAINTENANCE_STATUSES, isPlatform, type Component, type Group, type Incident, type Maintenance, type Snapshot, type Update } from './model.ts'
import { POLL_ERROR_KINDS, type PollError } from './poll-error.ts'
import { parseSeenState, type SeenState } from './seen-state.ts'
import { fail, isOneOf, isRecord, readOrNull, type JsonObject } from './untrusted.ts'

/** The furthest a JavaScript Date reaches, either way (ECMA-262 time values). */
const MAX_DATE_MS = 8.64e15

/**
 * Everything kept for one page between polls. The timing fields (PAGE_TIMING_KEYS) change on every
 * poll, so the shell keeps them for all pages in one light record; the rest only when `stateChanged`.
 */
export interface PageState {
  /** The endpoint the validators, hash and snapshot came from. */
  readonly url: string | null
  readonly etag: string | null
  readonly lastModified: string | null
  readonly bodyHash: string | null
  readonly seen: SeenState | null
  /** The last good snapshot, shown while the page errors. */
  readonly snapshot: Snapshot | null
  readonly errorCount: number
  readonly lastError: PollError | null
  readonly lastCheckedAt: number | null
  readonly lastOkAt: number | null
  /** Epoch ms; null = due now. */
  readonly nextDueAt: number | null
}

export const PAGE_TIMING_KEYS = ['lastCheckedAt', 'lastOkAt', 'nextDueAt'] as const
export type PageTiming = Pick<PageState, (typeof PAGE_TIMING_KEYS)[number]>

export function initialPageState(): PageState {
  return {
    url: null,
    etag: null,
    lastModified: null,
    bodyHash: null,
    seen: null,
    snapshot: null,
    errorCount: 0,
    lastError: null,
    lastCheckedAt: null,
    lastOkAt: null,
    nextDueAt: null,
  }
}

/**
 * Each corrupt field at its default. The validators and hash vouch for the seen-state and snapshot,
 * so they go with either: the next poll then diffs a full body instead of trusting a 304.
 */
export function parsePageState(json: unknown): PageState {
  if (!isRecord(json)) return initialPageState()
  const seen = json.seen === null || json.seen === undefined ? null : safe(() => parseSeenState(json.seen))
  const snapshot = json.snapshot === null || json.snapshot === undefined ? null : safe(() => parseSnapshot(json.snapshot))
  const url = nonEmptyString(json.url)
  const trusted = url !== null && seen !== null && snapshot !== null
  return {
    url: trusted ? url : null,
    etag: trusted ? nonEmptyString(json.etag) : null,
    lastModified: trusted ? nonEmptyString(json.lastModified) : null,
    bodyHash: trusted && typeof json.bodyHash === 'string' && /^[0-9a-f]{64}$/.test(json.bodyHash) ? json.bodyHash : null,
    seen,
    snapshot,
    errorCount: typeof json.errorCount === 'number' && Number.isSafeInteger(json.errorCount) && json.errorCount >= 0 ? json.errorCount + 0 : 0,
    lastError: parsePollError(json.lastError),
    lastCheckedAt: time(json.lastCheckedAt),
    lastOkAt: time(json.lastOkAt),
    nextDueAt: time(json.nextDueAt),
  }
}

function parsePollError(value: unknown): PollError | null {
  if (!isRecord(value) || !isOneOf(POLL_ERROR_KINDS, value.kind) || typeof value.message !== 'string') return null
  const httpStatus = value.httpStatus
  const retryAfterMs = value.retryAfterMs
  return {
    kind: value.kind,
    message: value.message,
    ...(typeof httpStatus === 'number' && Number.isInteger(httpStatus) ? { httpStatus } : {}),
    ...(typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? { retryAfterMs } : {}),
  }
}

/** A stored snapshot, or null when any part is not what the engine writes: a wrong one is worse than none. */
export function parseSnapshot(value: unknown): Snapshot | null {
  return readOrNull(() => readSnapshot(value))
}

function readSnapshot(value: unknown): Snapshot {
  const o = record(value)
  const page = record(o.page)
  return {
    platform: isPlatform(o.platform) ? o.platform : corrupt(),
    page: { name: str(page.name), url: str(page.url) },
    level: member(LEVELS, o.level),
    ...(o.reading === undefined ? {} : { reading: member(LEVELS, o.reading) }),
    components: list(o.components, readComponent),
    groups: list(o.groups, (g): Group => {
      const r = record(g)
      return { id: str(r.id), name: str(r.name) }
    }),
    incidents: list(o.incidents, readIncident),
    maintenances: list(o.maintenances, readMaintenance),
  }
}

function readComponent(value: unknown): Component {
  const o = record(value)
  return { id: str(o.id), name: str(o.name), groupId: nullable(o.groupId, str), status: member(COMPONENT_STATUSES, o.status) }
}

function readUpdate(value: unknown): Update {
  const o = record(value)
  const status = isOneOf(INCIDENT_STATUSES, o.status) || isOneOf(MAINTENANCE_STATUSES, o.status) ? o.status : corrupt()
  return { id: str(o.id), status, text: str(o.text), at: pageTime(o.at) }
}

function readIncident(value: unknown): Incident {
  const o = record(value)
  return { ...readItem(o, INCIDENT_STATUSES), startedAt: pageTime(o.startedAt), updates: list(o.updates, readUpdate), componentIds: list(o.componentIds, str) }
}

function readMaintenance(value: unknown): Maintenance {
  const o = record(value)
  return { ...readItem(o, MAINTENANCE_STATUSES), scheduledFor: pageTime(o.scheduledFor), scheduledUntil: pageTime(o.scheduledUntil), updates: list(o.updates, readUpdate), componentIds: list(o.componentIds, str) }
}

function readItem<S extends string>(o: JsonObject, statuses: readonly S[]): Pick<Incident, 'id' | 'name' | 'impact' | 'url'> & { status: S } {
  return { id: str(o.id), name: str(o.name), status: member(statuses, o.status), impact: member(IMPACTS, o.impact), url: nullable(o.url, str) }
}

function corrupt(): never {
  return fail('snapshot', 'what the engine writes')
}

function record(value: unknown): JsonObject {
  return isRecord(value) ? value : corrupt()
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : corrupt()
}

/** Null when no Date can hold it: a state stored before sane-times.ts may carry 1e26 (and the page serve it again). */
function pageTime(value: unknown): number | null {
  if (value === null || value === undefined) return null
  if (typeof value !== 'number') return corrupt()
  return Number.isFinite(value) && Math.abs(value) <= MAX_DATE_MS ? value + 0 : null
}

function nullable<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null ? null : read(value)
}

function list<T>(value: unknown, read: (value: unknown) => T): T[] {
  return Array.isArray(value) ? value.map((item: unknown) => read(item)) : corrupt()
}

function member<T extends string>(values: readonly T[], value: unknown): T {
  return isOneOf(values, value) ? value : corrupt()
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

// `+ 0` turns -0 into 0: JSON cannot carry -0, and a stored state must read back unchanged.
function time(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value + 0 : null
}

/** parseSeenState should never throw; if it does, the state is still repaired. */
function safe<T>(read: () => T | null): T | null {
  try {
    return read()
  } catch {
    return null
  }
}
