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

export function pastNeeded(seen: SeenState | null, snapshot: Snapshot, occasion: Occasion): PastNeed {
  if (seen === null) return { incidents: occasion.kind === 'first_sight', maintenances: false }
  const left = leftTheSummary(seen, snapshot)
  return { incidents: left.incidents.size > 0 || occasion.kind !== 'poll', maintenances: left.maintenances.size > 0 }
}

/** The ids of the open incidents and started maintenances the user follows that this summary no longer lists. */
export function leftTheSummary(seen: SeenState, snapshot: Snapshot): { readonly incidents: ReadonlySet<string>; readonly maintenances: ReadonlySet<string> } {
  const listedIncidents = new Set(snapshot.incidents.map((i) => i.id))
  const listedMaintenances = new Set(snapshot.maintenances.map((m) => m.id))
  return {
    incidents: new Set([...seen.incidents, ...seen.missingIncidents].filter((r) => r.open && !listedIncidents.has(r.id)).map((r) => r.id)),
    maintenances: new Set([...seen.maintenances, ...seen.missingMaintenances].filter((r) => r.phase === 'started' && !listedMaintenances.has(r.id)).map((r) => r.id)),
  }
}
