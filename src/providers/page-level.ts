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

/**
 * A companion's rows joined to a snapshot whose level is the page's own word (Instatus's
 * components, Sorry's components and notices): our reading is made again from all the rows.
 */
export function withRows(snapshot: Snapshot, rows: Partial<Pick<Snapshot, 'components' | 'groups' | 'incidents' | 'maintenances'>>): Snapshot {
  const { reading: _old, ...rest } = snapshot
  const merged = { ...rest, ...rows }
  return { ...merged, ...headline(snapshot.level, rowsLevel(merged)) }
}
