import type { Snapshot } from '../model.ts'
import type { SeenState } from '../seen-state.ts'
import type { Occasion } from './occasion.ts'

/**
 * Which of the page's history lists a poll reads. Politeness: none on an ordinary poll where the
 * summary tells everything; the incident list when an open incident left the summary (its last
 * word is there), at first sight (the popup's last days) and after a gap (what happened meanwhile);
 * the maintenance list only when a started maintenance left the summary.
 */
export interface PastNeed {
  readonly incidents: boolean
  readonly maintenances: boolean
}

export const NOTHING_NEEDED: PastNeed = { incidents: false, maintenances: false }

export function pastNeeded(seen: SeenState | null, snapshot: Snapshot, occasion: Occasion): PastNeed {
  if (seen === null) return { incidents: occasion.kind === 'first_sight', maintenances: false }
  const listedIncidents = new Set(snapshot.incidents.map((i) => i.id))
  const listedMaintenances = new Set(snapshot.maintenances.map((m) => m.id))
  const incidentLeft = [...seen.incidents, ...seen.missingIncidents].some((r) => r.open && !listedIncidents.has(r.id))
  const maintenanceLeft = [...seen.maintenances, ...seen.missingMaintenances].some((r) => r.phase === 'started' && !listedMaintenances.has(r.id))
  return { incidents: incidentLeft || occasion.kind !== 'poll', maintenances: maintenanceLeft }
}
