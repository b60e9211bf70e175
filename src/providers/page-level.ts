import { levelOfComponentStatus, LEVEL_RANK, worstLevel, type Level, type Snapshot } from '../model.ts'
import { levelOfImpact } from './vocabulary.ts'

/** The worst of a page's rows: components, open incidents, a maintenance under way. */
export function rowsLevel(rows: Pick<Snapshot, 'components' | 'incidents' | 'maintenances'>): Level {
  return worstLevel([
    ...rows.components.map((component) => levelOfComponentStatus(component.status)),
    ...rows.incidents.map((incident) => levelOfImpact(incident.impact)),
    ...rows.maintenances.flatMap((maintenance): Level[] => (maintenance.status === 'in_progress' || maintenance.status === 'verifying' ? ['maintenance'] : [])),
  ])
}

/**
 * The page's own overall word is the level where it publishes one: Anthropic's page says "minor"
 * while its incident is rated major, and its users read "minor". Our reading of the rows is kept
 * beside it only when worse, for the popup to add; `own` null (no word) leaves the rows to speak.
 */
export function headline(own: Level | null, rows: Level): Pick<Snapshot, 'level' | 'reading'> {
  if (own === null) return { level: rows }
  return LEVEL_RANK[rows] > LEVEL_RANK[own] ? { level: own, reading: rows } : { level: own }
}
