import { diffSnapshot } from '../diff.ts'
import type { MonitorEvent } from '../events.ts'
import { isClosedStatus, type Incident, type Snapshot, type Update } from '../model.ts'
import { EMPTY_SEEN_STATE, type SeenState } from '../seen-state.ts'
import { leftTheSummary } from './need.ts'
import type { Occasion } from './occasion.ts'
import type { PastItems } from './read-past.ts'

/**
 * The page's history joins the summary only as the diff's input, never the stored snapshot (that
 * stays what is ongoing now), so the diff's own rules tell the story:
 *
 *   an open incident the summary dropped   history: resolved → its unseen updates, then
 *                                          "resolved" with the page's own last words and time
 *                                          history: still open → still listed, nothing said
 *                                          not in history → the diff's two-answer rule
 *   unseen, opened and closed in a gap     "opened" and "resolved" at their real times
 *   a started maintenance that was dropped history: completed → "completed" with its words
 *
 * Everything else in the history is the past the user already heard about, or never watched.
 */
export function withPast(snapshot: Snapshot, seen: SeenState, past: PastItems, occasion: Occasion): Snapshot {
  const left = leftTheSummary(seen, snapshot)
  const listed = new Set(snapshot.incidents.map((i) => i.id))
  const known = new Set([...seen.incidents, ...seen.missingIncidents, ...seen.goneIncidents].map((r) => r.id))
  const since = occasion.kind === 'catch_up' ? occasion.since : null
  const unseenMeanwhile = (p: Incident): boolean => since !== null && !listed.has(p.id) && !known.has(p.id) && isClosed(p) && lastActivity(p) >= since
  const incidents = past.incidents
    .filter((p) => left.incidents.has(p.id) || unseenMeanwhile(p))
    // Update ids from another source than the poll's would all look unseen: of an incident the
    // user followed only its closing word is news. An unknown one is new whole either way.
    .map((p) => (past.sameUpdateIds || !left.incidents.has(p.id) ? p : { ...p, updates: p.updates.slice(0, 1).filter((u) => isClosed(u)) }))
  const maintenances = past.maintenances.filter((m) => left.maintenances.has(m.id))

  if (incidents.length === 0 && maintenances.length === 0) return snapshot
  return { ...snapshot, incidents: [...snapshot.incidents, ...incidents], maintenances: [...snapshot.maintenances, ...maintenances] }
}

/** How far back a page seen for the first time is filled in: the popup's strip of days. */
export const BACKFILL_MS = 7 * 24 * 3_600_000
/** Incidents at most (the newest; lists come newest first): the history is shared by every page. */
export const BACKFILL_MAX = 20

/**
 * A page seen for the first time: its closed incidents of the last days, as the events they were,
 * for the history only (nobody is notified of the past).
 */
export function backfillEvents(snapshot: Snapshot, past: PastItems, now: number): MonitorEvent[] {
  const listed = new Set(snapshot.incidents.map((i) => i.id))
  const recent = past.incidents.filter((p) => !listed.has(p.id) && isClosed(p) && lastActivity(p) >= now - BACKFILL_MS).slice(0, BACKFILL_MAX)
  if (recent.length === 0) return []
  // The diff from an empty (not absent) seen-state tells each as opened and resolved.
  const shown = { ...snapshot, incidents: recent, components: [], maintenances: [] }
  return diffSnapshot(EMPTY_SEEN_STATE, shown, { gap: true }).events
}

const isClosed = (item: Pick<Incident | Update, 'status'>): boolean => isClosedStatus(item.status)

function lastActivity(incident: Incident): number {
  let last = incident.startedAt ?? Number.NEGATIVE_INFINITY
  for (const update of incident.updates) if (update.at !== null && update.at > last) last = update.at
  return last
}
