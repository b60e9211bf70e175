import type { MonitorEventKind } from '../../src/events.ts'
import { IMPACTS, LEVELS, type Level } from '../../src/model.ts'
import { initialPageState, PAGE_TIMING_KEYS, parsePageState, type PageState } from '../../src/page-state.ts'
import type { HistoryEntry, LinkEntry, OutboxEntry } from '../../src/notify/plan.ts'
import type { HeldEntry } from '../../src/notify/quiet-hours.ts'
import { NOTHING_OMITTED, type Omitted } from '../../src/state-budget.ts'
import { POLL_ERROR_KINDS, type PollErrorKind } from '../../src/poll-error.ts'
import { boundedList, defineItem, finiteOrNull, isOneOf, isRecord, sameJson, stringOr, type StoredObject } from './item.ts'

export { HISTORY_LINES_MAX } from '../../src/notify/plan.ts'
export type { HeldEntry, HistoryEntry, LinkEntry, OutboxEntry }

/**
 * With SETTINGS (settings.ts) these are all the keys. Local storage is per browser: what this
 * browser has shown never syncs.
 *
 *   area     key                   value                                               written
 *   sync     settings, settings:N  pages, filters, notifyOnRecovery, quietHours        user changes; platform found
 *   local    page:<page key>       durable PageState + bad_shape streak                a poll changed a durable field
 *   local    schedule              timing + light summary of every page                at most once per cycle
 *   local    outbox                notifications planned, not yet shown                with the page state; after showing
 *   local    history               last 200 events, console wording                    with the page state
 *   local    links                 notification id → link, for clicks                  with the page state
 *   local    held                  events held back by quiet hours                     with the page state; on release
 *   local    meta                  the offline state and since when                    when the offline state flips
 *   session  badge, undelivered, problem                                               when they change
 */

export interface PageRecord {
  /** Durable fields only: the timing fields change every poll, so they live in the schedule. */
  readonly state: PageState
  /** `bad_shape` failures in a row: at REDETECT_AFTER the platform is detected again. */
  readonly badShapes: number
  readonly omitted: Omitted
}

export function withoutTiming(state: PageState): PageState {
  return { ...state, lastCheckedAt: null, lastOkAt: null, nextDueAt: null }
}

export const PAGE_RECORD = defineItem<PageRecord>({
  area: 'local',
  key: 'page:',
  version: 1,
  fallback: () => ({ state: initialPageState(), badShapes: 0, omitted: NOTHING_OMITTED }),
  migrations: [],
  repair: (value) => ({ state: withoutTiming(parsePageState(value.state)), badShapes: countOr0(value.badShapes), omitted: repairOmitted(value.omitted) }),
  // Nothing left out is the common case: not stored at all.
  encode: ({ state, badShapes, omitted }) => ({ state, badShapes, ...(sameJson(omitted, NOTHING_OMITTED) ? {} : { omitted }) }),
})

export const pageStorageKey = (pageKey: string): string => `${PAGE_RECORD.key}${pageKey}`

const countOr0 = (n: unknown): number => (typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 0)

function repairOmitted(value: unknown): Omitted {
  if (!isRecord(value)) return NOTHING_OMITTED
  return { components: countOr0(value.components), incidents: countOr0(value.incidents), maintenances: countOr0(value.maintenances) }
}

/**
 * Per page: the PageState timing fields (PAGE_TIMING_KEYS) plus what the badge, the offline
 * test and the alarm need, so a wake-up never reads every page's snapshot. Stored with short
 * field names: at 1,000 pages it is the only record written every cycle.
 */
export interface ScheduleEntry {
  readonly lastCheckedAt: number | null
  readonly lastOkAt: number | null
  readonly nextDueAt: number | null
  readonly level: Level | null
  readonly incidents: number
  readonly error: PollErrorKind | null
  /** Nothing to show (snapshotNeedsAttention is false): the popup lists it as one row without reading its record. */
  readonly calm: boolean
  /**
   * Visits in a row that failed in the shell itself (storage full, an exception): they back the
   * page off like poll errors do, without its record (which may be what could not be written).
   */
  readonly strikes: number
}

export interface Schedule {
  readonly pages: Readonly<Record<string, ScheduleEntry>>
}

export const listedFromSchedule = (entry: ScheduleEntry): boolean => entry.calm && entry.error === null

export const EMPTY_ENTRY: ScheduleEntry = { lastCheckedAt: null, lastOkAt: null, nextDueAt: null, level: null, incidents: 0, error: null, calm: false, strikes: 0 }

// Keeps the timing names in step with the engine's: a renamed PageState field breaks the build here.
const TIMING_FIELDS: Readonly<Record<(typeof PAGE_TIMING_KEYS)[number], string>> = { lastCheckedAt: 'c', lastOkAt: 'o', nextDueAt: 'd' }

function encodeEntry(entry: ScheduleEntry): StoredObject {
  return {
    [TIMING_FIELDS.lastCheckedAt]: entry.lastCheckedAt,
    [TIMING_FIELDS.lastOkAt]: entry.lastOkAt,
    [TIMING_FIELDS.nextDueAt]: entry.nextDueAt,
    ...(entry.level === null ? {} : { l: entry.level }),
    ...(entry.incidents === 0 ? {} : { i: entry.incidents }),
    ...(entry.error === null ? {} : { e: entry.error }),
    ...(entry.calm ? { k: 1 } : {}),
    ...(entry.strikes === 0 ? {} : { s: entry.strikes }),
  }
}

function repairEntry(value: unknown): ScheduleEntry {
  if (!isRecord(value)) return EMPTY_ENTRY
  return {
    lastCheckedAt: finiteOrNull(value[TIMING_FIELDS.lastCheckedAt]),
    lastOkAt: finiteOrNull(value[TIMING_FIELDS.lastOkAt]),
    nextDueAt: finiteOrNull(value[TIMING_FIELDS.nextDueAt]),
    level: isOneOf(LEVELS, value.l) ? value.l : null,
    incidents: countOr0(value.i),
    error: isOneOf(POLL_ERROR_KINDS, value.e) ? value.e : null,
    // Absent (an entry from before it existed): not known to be calm, so the record is read.
    calm: value.k === 1,
    strikes: Math.min(countOr0(value.s), 100),
  }
}

export const SCHEDULE = defineItem<Schedule>({
  area: 'local',
  key: 'schedule',
  version: 1,
  fallback: () => ({ pages: {} }),
  migrations: [],
  repair: (value) => {
    const pages: Record<string, ScheduleEntry> = {}
    if (isRecord(value.pages)) {
      for (const [key, entry] of Object.entries(value.pages)) if (key !== '__proto__') pages[key] = repairEntry(entry)
    }
    return { pages }
  },
  encode: (schedule) => ({ pages: Object.fromEntries(Object.entries(schedule.pages).map(([key, entry]) => [key, encodeEntry(entry)])) }),
})

/** A local list of entries, each repaired or dropped (null). */
function entryList<T>(key: string, max: number, repairEntry: (value: unknown) => T | null) {
  return defineItem<{ readonly entries: readonly T[] }>({
    area: 'local',
    key,
    version: 1,
    fallback: () => ({ entries: [] }),
    migrations: [],
    repair: (value) => ({ entries: boundedList(value.entries, max).map(repairEntry).filter((e): e is T => e !== null) }),
  })
}

export const MAX_OUTBOX = 100

function repairOutboxEntry(value: unknown): OutboxEntry | null {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') return null
  const priority = value.priority === 1 || value.priority === 2 ? value.priority : 0
  return {
    id: value.id,
    pageKey: stringOr(value.pageKey, ''),
    title: stringOr(value.title, ''),
    body: stringOr(value.body, ''),
    url: stringOr(value.url, ''),
    priority,
    attempts: countOr0(value.attempts),
  }
}

export const OUTBOX = entryList('outbox', MAX_OUTBOX, repairOutboxEntry)

export const MAX_HISTORY = 200

const EVENT_KINDS: readonly MonitorEventKind[] = ['incident_opened', 'incident_updated', 'incident_resolved', 'component_changed', 'maintenance_scheduled', 'maintenance_started', 'maintenance_completed']

function repairHistoryEntry(value: unknown): HistoryEntry | null {
  if (!isRecord(value)) return null
  const at = finiteOrNull(value.at)
  // A time no Date can hold (over 8.64e15 ms) is an entry the popup cannot show.
  if (at === null || at > 8.64e15 || !isOneOf(EVENT_KINDS, value.kind)) return null
  return {
    at,
    kind: value.kind,
    pageKey: stringOr(value.pageKey, ''),
    title: stringOr(value.title, ''),
    body: stringOr(value.body, ''),
    url: stringOr(value.url, ''),
    lines: stringOr(value.lines, '', 10_000),
    // Entries written before these fields: no colour, and the title stands for the name.
    impact: isOneOf(IMPACTS, value.impact) ? value.impact : 'none',
    name: stringOr(value.name, '', 500),
  }
}

export const HISTORY = entryList('history', MAX_HISTORY, repairHistoryEntry)

export const MAX_LINKS = 100

export const LINKS = entryList('links', MAX_LINKS, (e): LinkEntry | null =>
  isRecord(e) && typeof e.id === 'string' && typeof e.url === 'string' && typeof e.pageUrl === 'string' ? { id: e.id, url: e.url, pageUrl: e.pageUrl } : null,
)

export interface Meta {
  readonly offline: boolean
  /** When the browser was first seen offline, or null when online. */
  readonly since: number | null
}

export const META = defineItem<Meta>({
  area: 'local',
  key: 'meta',
  version: 1,
  fallback: () => ({ offline: false, since: null }),
  migrations: [],
  repair: (value) => {
    const offline = value.offline === true
    return { offline, since: offline ? finiteOrNull(value.since) : null }
  },
})

export interface BadgeValue {
  readonly text: string
  readonly color: string
  readonly title: string
}

/** A storage.session value, or null (stored as `{}`). */
function sessionValue<T extends object>(key: string, repair: (value: StoredObject) => T | null) {
  return defineItem<T | null>({ area: 'session', key, version: 1, fallback: () => null, migrations: [], repair, encode: (value) => value ?? {} })
}

export const BADGE = sessionValue<BadgeValue>('badge', (value) =>
  typeof value.text === 'string' && typeof value.color === 'string' && typeof value.title === 'string' ? { text: value.text, color: value.color, title: value.title } : null,
)

export const MAX_HELD = 500
const HELD_KINDS: readonly HeldEntry['kind'][] = ['incident', 'component', 'maintenance']

export const HELD = entryList('held', MAX_HELD, (e): HeldEntry | null =>
  isRecord(e) && typeof e.id === 'string' && typeof e.subject === 'string' && isOneOf(HELD_KINDS, e.kind)
    ? { id: e.id, pageKey: stringOr(e.pageKey, ''), pageName: stringOr(e.pageName, '', 100), pageUrl: stringOr(e.pageUrl, ''), kind: e.kind, subject: e.subject }
    : null,
)

/**
 * Notifications dropped after MAX_ATTEMPTS failed tries (the platform refused them, or the call
 * hung), since the last one that was shown: the popup says so. Their events are in the history.
 */
export interface Undelivered {
  readonly since: number
  readonly count: number
  readonly reason: string
}

export const UNDELIVERED = sessionValue<Undelivered>('undelivered', (value) => {
  const since = finiteOrNull(value.since)
  const count = countOr0(value.count)
  return since === null || count === 0 || typeof value.reason !== 'string' ? null : { since, count, reason: value.reason.slice(0, 300) }
})

/**
 * A cycle or a page failed for a reason of ours (storage full, an exception); cleared by the next
 * cycle without one. In storage.session: it must be writable when storage.local is what is full.
 */
export interface MonitoringProblem {
  readonly since: number
  readonly reason: string
}

export const PROBLEM = sessionValue<MonitoringProblem>('problem', (value) => {
  const since = finiteOrNull(value.since)
  return since === null || typeof value.reason !== 'string' ? null : { since, reason: value.reason.slice(0, 300) }
})
