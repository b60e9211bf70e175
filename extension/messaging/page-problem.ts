import type { Snapshot } from '../../src/model.ts'
import type { PageView } from './protocol.ts'

/** Something on the page worth a card: not operational, an incident, a maintenance (even upcoming), a component not operational. */
export function snapshotNeedsAttention(snapshot: Snapshot): boolean {
  return snapshot.level !== 'operational' || snapshot.incidents.length > 0 || snapshot.maintenances.length > 0 || snapshot.components.some((c) => c.status !== 'operational')
}

/** A page needs a full card (and its whole snapshot) when something is wrong with it or on it. */
export function hasProblem(page: PageView): boolean {
  if (page.compact === true) return false
  if (page.lastError !== null || page.permission === 'missing' || page.snapshot === null) return true
  return snapshotNeedsAttention(page.snapshot)
}
