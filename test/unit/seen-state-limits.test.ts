import { describe, expect, it } from 'vitest'
import { EMPTY_SEEN_STATE, SEEN_STATE_LIMITS, parseSeenState, type SeenIncident, type SeenMaintenance, type SeenState } from '../../src/seen-state.ts'

/**
 * Every bound of the seen-state, at its edge: a stored state exactly at a limit is read back,
 * one over it is refused (read as corrupt, never half-used). A bound that slips by one either
 * way fails here by name, without waiting for a property to find and shrink it.
 */

const L = SEEN_STATE_LIMITS
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

const incident = (id: string, over: Partial<SeenIncident> = {}): SeenIncident => ({
  id,
  name: 'Elevated errors',
  impact: 'minor',
  url: 'https://status.example.com/incidents/1',
  startedAt: 1_744_131_600_000,
  componentIds: [],
  open: true,
  closures: 0,
  updateIds: [],
  ...over,
})

const maintenance = (id: string, over: Partial<SeenMaintenance> = {}): SeenMaintenance => ({
  id,
  name: 'Upgrade',
  impact: 'maintenance',
  url: null,
  scheduledFor: null,
  scheduledUntil: null,
  componentIds: [],
  phase: 'started',
  ...over,
})

const state = (over: Partial<SeenState>): unknown => JSON.parse(JSON.stringify({ ...EMPTY_SEEN_STATE, ...over }))

const EDGES: readonly { readonly bound: string; readonly at: (n: number) => unknown; readonly limit: number }[] = [
  { bound: 'incidents', limit: L.incidents, at: (n) => state({ incidents: ids('i', n).map((id) => incident(id)) }) },
  { bound: 'missing incidents', limit: L.incidents, at: (n) => state({ missingIncidents: ids('m', n).map((id) => incident(id)) }) },
  { bound: 'gone incidents', limit: L.goneIncidents, at: (n) => state({ goneIncidents: ids('g', n).map((id) => ({ id, closures: 1, updateIds: [] })) }) },
  { bound: 'components', limit: L.components, at: (n) => state({ components: ids('c', n).map((id) => ({ id, status: 'partial_outage' as const })) }) },
  { bound: 'maintenances', limit: L.maintenances, at: (n) => state({ maintenances: ids('x', n).map((id) => maintenance(id)) }) },
  { bound: 'missing maintenances', limit: L.maintenances, at: (n) => state({ missingMaintenances: ids('y', n).map((id) => maintenance(id)) }) },
  { bound: 'gone maintenances', limit: L.goneMaintenances, at: (n) => state({ goneMaintenances: ids('z', n).map((id) => ({ id, phase: 'completed' as const })) }) },
  { bound: 'update ids per incident', limit: L.updatesPerIncident, at: (n) => state({ incidents: [incident('i', { updateIds: ids('u', n) })] }) },
  { bound: 'update ids per gone incident', limit: L.updatesPerIncident, at: (n) => state({ goneIncidents: [{ id: 'g', closures: 1, updateIds: ids('u', n) }] }) },
  { bound: 'component ids per incident', limit: L.componentIdsPerItem, at: (n) => state({ incidents: [incident('i', { componentIds: ids('c', n) })] }) },
  { bound: 'component ids per maintenance', limit: L.componentIdsPerItem, at: (n) => state({ maintenances: [maintenance('x', { componentIds: ids('c', n) })] }) },
  { bound: 'name length', limit: L.nameLength, at: (n) => state({ incidents: [incident('i', { name: 'n'.repeat(n) })] }) },
  { bound: 'url length', limit: L.urlLength, at: (n) => state({ maintenances: [maintenance('x', { url: `https://s.example/${'p'.repeat(n - 'https://s.example/'.length)}` })] }) },
]

describe('seen-state bounds, at the edge', () => {
  for (const { bound, limit, at } of EDGES) {
    it(`${bound}: ${limit} read back, ${limit + 1} refused`, () => {
      expect(parseSeenState(at(limit)), `${bound} at ${limit}`).not.toBeNull()
      expect(parseSeenState(at(limit + 1)), `${bound} at ${limit + 1}`).toBeNull()
    })
  }
})
