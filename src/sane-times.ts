import type { Incident, Maintenance, Snapshot, Update } from './model.ts'

// Times that cannot be true (an AWS time of 1e23 s, a feed dated 9999) become null before the
// popup's `toISOString` throws on them. Providers have no clock, so this runs after the parse.

export const EARLIEST_SANE_TIME = Date.UTC(2000, 0, 1)
/** Maintenances are announced ahead, but not by more than a year (366 days: any calendar year). */
export const SANE_LEAD_MS = 366 * 24 * 60 * 60 * 1000
/** The last instant a Date can hold: the bound when the clock itself is garbage. */
const LATEST_DATE = 8.64e15

export function saneTimes(snapshot: Snapshot, now: number): Snapshot {
  const latest = Number.isFinite(now) ? Math.min(now + SANE_LEAD_MS, LATEST_DATE) : LATEST_DATE
  const sane = (time: number | null): number | null =>
    time !== null && Number.isFinite(time) && time >= EARLIEST_SANE_TIME && time <= latest ? time : null

  const saneUpdates = (updates: readonly Update[]): readonly Update[] =>
    sameOrMapped(updates, (update) => {
      const at = sane(update.at)
      return at === update.at ? update : { ...update, at }
    })
  const incidents = sameOrMapped(snapshot.incidents, (incident): Incident => {
    const startedAt = sane(incident.startedAt)
    const updates = saneUpdates(incident.updates)
    return startedAt === incident.startedAt && updates === incident.updates ? incident : { ...incident, startedAt, updates }
  })
  const maintenances = sameOrMapped(snapshot.maintenances, (maintenance): Maintenance => {
    const scheduledFor = sane(maintenance.scheduledFor)
    const scheduledUntil = sane(maintenance.scheduledUntil)
    const updates = saneUpdates(maintenance.updates)
    return scheduledFor === maintenance.scheduledFor && scheduledUntil === maintenance.scheduledUntil && updates === maintenance.updates
      ? maintenance
      : { ...maintenance, scheduledFor, scheduledUntil, updates }
  })
  return incidents === snapshot.incidents && maintenances === snapshot.maintenances ? snapshot : { ...snapshot, incidents, maintenances }
}

function sameOrMapped<T>(items: readonly T[], map: (item: T) => T): readonly T[] {
  const mapped = items.map(map)
  return mapped.every((item, index) => item === items[index]) ? items : mapped
}
