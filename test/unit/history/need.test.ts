import { describe, expect, it } from 'vitest'
import { diffSnapshot } from '../../../src/diff.ts'
import { pastNeeded } from '../../../src/history/need.ts'
import { ORDINARY_POLL, type Occasion } from '../../../src/history/occasion.ts'
import type { Incident, Maintenance, MaintenanceStatus, Snapshot } from '../../../src/model.ts'
import type { SeenState } from '../../../src/seen-state.ts'

const T = 1_780_000_000_000

const empty: Snapshot = {
  platform: 'statuspage',
  page: { name: 'Example', url: 'https://status.example.com' },
  level: 'operational',
  components: [],
  groups: [],
  incidents: [],
  maintenances: [],
}

const incident = (id: string, status: Incident['status'] = 'investigating'): Incident => ({
  id,
  name: `Incident ${id}`,
  status,
  impact: 'minor',
  url: null,
  startedAt: T,
  updates: [{ id: `${id}-u1`, status, text: 'Looking.', at: T }],
  componentIds: [],
})

const maintenance = (id: string, status: MaintenanceStatus): Maintenance => ({
  id,
  name: `Maintenance ${id}`,
  status,
  impact: 'maintenance',
  url: null,
  scheduledFor: T,
  scheduledUntil: T + 3_600_000,
  updates: [],
  componentIds: [],
})

const on = (over: Partial<Snapshot>): Snapshot => ({ ...empty, ...over })
/** The seen-state after an ordinary first answer listing `snapshot`. */
const seenOf = (snapshot: Snapshot): SeenState => diffSnapshot(null, snapshot).seen
const CATCH_UP: Occasion = { kind: 'catch_up', since: T - 6 * 3_600_000, why: 'away' }

describe('pastNeeded', () => {
  it('reads nothing on an ordinary poll when the summary still lists every open incident', () => {
    const listed = on({ incidents: [incident('a'), incident('b')] })
    expect(pastNeeded(seenOf(listed), listed, ORDINARY_POLL)).toEqual({ incidents: false, maintenances: false })
    expect(pastNeeded(seenOf(empty), empty, ORDINARY_POLL)).toEqual({ incidents: false, maintenances: false })
  })

  it('reads nothing for a closed incident that left: its end was already told', () => {
    const closed = on({ incidents: [incident('a', 'resolved')] })
    const seen = diffSnapshot(seenOf(empty), closed).seen
    expect(seen.incidents.map((r) => r.open)).toEqual([false])
    expect(pastNeeded(seen, empty, ORDINARY_POLL)).toEqual({ incidents: false, maintenances: false })
  })

  it('reads the incidents when a seen-open incident left the summary', () => {
    const seen = seenOf(on({ incidents: [incident('a'), incident('b')] }))
    expect(pastNeeded(seen, on({ incidents: [incident('b')] }), ORDINARY_POLL)).toEqual({ incidents: true, maintenances: false })
  })

  it('reads the incidents while one is missing (the second answer confirms it)', () => {
    const first = seenOf(on({ incidents: [incident('a')] }))
    const missing = diffSnapshot(first, empty).seen
    expect(missing.missingIncidents.map((r) => r.id)).toEqual(['a'])
    expect(pastNeeded(missing, empty, ORDINARY_POLL)).toEqual({ incidents: true, maintenances: false })
    // Back in the list: nothing to read.
    expect(pastNeeded(missing, on({ incidents: [incident('a')] }), ORDINARY_POLL)).toEqual({ incidents: false, maintenances: false })
  })

  it('reads the maintenances only when a started maintenance left', () => {
    const started = seenOf(on({ maintenances: [maintenance('m', 'in_progress')] }))
    expect(pastNeeded(started, empty, ORDINARY_POLL)).toEqual({ incidents: false, maintenances: true })
    const missing = diffSnapshot(started, empty).seen
    expect(pastNeeded(missing, empty, ORDINARY_POLL)).toEqual({ incidents: false, maintenances: true })
    // A scheduled one dropping out is a cancellation; a verifying one is started.
    expect(pastNeeded(seenOf(on({ maintenances: [maintenance('m', 'scheduled')] })), empty, ORDINARY_POLL)).toEqual({ incidents: false, maintenances: false })
    expect(pastNeeded(seenOf(on({ maintenances: [maintenance('m', 'verifying')] })), empty, ORDINARY_POLL)).toEqual({ incidents: false, maintenances: true })
    expect(pastNeeded(started, on({ maintenances: [maintenance('m', 'in_progress')] }), ORDINARY_POLL)).toEqual({ incidents: false, maintenances: false })
  })

  it('first sight reads the incidents, never the maintenances', () => {
    expect(pastNeeded(null, empty, { kind: 'first_sight' })).toEqual({ incidents: true, maintenances: false })
    expect(pastNeeded(null, on({ maintenances: [maintenance('m', 'in_progress')] }), { kind: 'first_sight' })).toEqual({ incidents: true, maintenances: false })
  })

  it('a catch-up reads the incidents even when nothing left the summary', () => {
    expect(pastNeeded(seenOf(empty), empty, CATCH_UP)).toEqual({ incidents: true, maintenances: false })
    expect(pastNeeded(seenOf(empty), empty, { ...CATCH_UP, why: 'unreachable' })).toEqual({ incidents: true, maintenances: false })
  })
})
