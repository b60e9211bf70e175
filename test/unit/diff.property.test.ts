import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffSnapshot } from '../../src/diff.ts'
import type { MonitorEvent } from '../../src/events.ts'
import type { Snapshot } from '../../src/model.ts'
import { SEEN_STATE_LIMITS, parseSeenState, type SeenState } from '../../src/seen-state.ts'
import { snapshotArb, timelineArb, type Timeline } from '../support/arbitraries.ts'

/** Plays snapshots through the diff as the monitor does, from first sight. */
function play(snapshots: readonly Snapshot[]): { polls: MonitorEvent[][]; states: SeenState[] } {
  let seen: SeenState | null = null
  const polls: MonitorEvent[][] = []
  const states: SeenState[] = []
  for (const snapshot of snapshots) {
    const result = diffSnapshot(seen, snapshot)
    seen = result.seen
    polls.push(result.events)
    states.push(result.seen)
  }
  return { polls, states }
}

/** The (incident, update) an event reports, if any. */
function reportedUpdate(event: MonitorEvent): string | null {
  if (event.kind !== 'incident_opened' && event.kind !== 'incident_updated' && event.kind !== 'incident_resolved') return null
  return event.update === null ? null : JSON.stringify([event.incident.id, event.update.id])
}

const pair = (incidentId: string, updateId: string): string => JSON.stringify([incidentId, updateId])

const multiset = (events: readonly MonitorEvent[]): string[] => events.map((e) => JSON.stringify(e)).sort()

// Generous timeout: the file takes a few seconds alone, more on a loaded machine.
describe('diffSnapshot properties', { timeout: 20_000 }, () => {
  it('1. a snapshot seen again gives no events and the same state', () => {
    fc.assert(
      fc.property(fc.oneof(snapshotArb(), snapshotArb({ duplicateIds: true })), (snapshot) => {
        const first = diffSnapshot(null, snapshot)
        const again = diffSnapshot(first.seen, snapshot)
        expect(again.events).toEqual([])
        expect(again.seen).toEqual(first.seen)
      }),
      { numRuns: 200 },
    )
  })

  it('1b. the same (state, snapshot) always gives the same result, whatever came before', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 40 }), snapshotArb(), (timeline, next) => {
        const { states } = play(timeline.snapshots)
        const last = states.at(-1) ?? null
        expect(diffSnapshot(last, next)).toEqual(diffSnapshot(last, next))
      }),
      { numRuns: 100 },
    )
  })

  /*
   * 2. Exactly-once updates. For each incident, let F be the first snapshot that lists it.
   *  - No (incident, update) pair is carried by two events (opened, updated or resolved).
   *  - An update listed at F: the newest one is carried by exactly one event (the opened event,
   *    or the resolved event if the incident is already closed at F), except at first sight
   *    (F = 0) of an already closed incident, which is history: then by none. The older ones
   *    listed at F are carried by none (the past is not replayed).
   *  - An update not listed at F but listed in some later snapshot is carried by exactly one event.
   */
  it('2. every incident update of a timeline is reported exactly once', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 150 }), (timeline: Timeline) => {
        const { polls } = play(timeline.snapshots)
        const counts = new Map<string, number>()
        for (const event of polls.flat()) {
          const reported = reportedUpdate(event)
          if (reported !== null) counts.set(reported, (counts.get(reported) ?? 0) + 1)
        }
        for (const [reported, count] of counts) expect(count, reported).toBe(1)

        const expected = new Map<string, number>()
        const firstSeen = new Set<string>()
        timeline.snapshots.forEach((snapshot, index) => {
          for (const incident of snapshot.incidents) {
            if (!firstSeen.has(incident.id)) {
              firstSeen.add(incident.id)
              const history = index === 0 && (incident.status === 'resolved' || incident.status === 'postmortem')
              incident.updates.forEach((update, position) => {
                expected.set(pair(incident.id, update.id), position === 0 && !history ? 1 : 0)
              })
            } else {
              for (const update of incident.updates) {
                const key = pair(incident.id, update.id)
                if (!expected.has(key)) expected.set(key, 1)
              }
            }
          }
        })
        for (const [key, count] of expected) expect(counts.get(key) ?? 0, key).toBe(count)
      }),
      { numRuns: 150 },
    )
  })

  it('3. failed polls and repeated snapshots between the real ones change nothing', () => {
    const fault = fc.constantFrom('fail' as const, 'repeat' as const)
    fc.assert(
      fc.property(timelineArb({ maxOps: 120 }), fc.array(fc.array(fault, { maxLength: 3 }), { maxLength: 60 }), (timeline, faults) => {
        const clean = play(timeline.snapshots)

        // As the caller does it: a failed poll does not call the diff and keeps the stored state;
        // a repeat (same body, or a 304 the caller did not short-cut) diffs the same snapshot again.
        let seen: SeenState | null = null
        let lastGood: Snapshot | null = null
        const events: MonitorEvent[] = []
        timeline.snapshots.forEach((snapshot, index) => {
          for (const f of faults[index] ?? []) {
            if (f === 'repeat' && lastGood !== null) {
              const result = diffSnapshot(seen, lastGood)
              seen = result.seen
              events.push(...result.events)
            }
          }
          const result = diffSnapshot(seen, snapshot)
          seen = result.seen
          lastGood = snapshot
          events.push(...result.events)
        })
        expect(multiset(events)).toEqual(multiset(clean.polls.flat()))
        expect(seen).toEqual(clean.states.at(-1))
      }),
      { numRuns: 150 },
    )
  })

  it('4. the seen-state stays bounded over long timelines (thousands of incidents) and survives a JSON round trip', () => {
    const busy = { open: 40, resolve: 25, drop: 5 }
    fc.assert(
      fc.property(timelineArb({ minOps: 6000, maxOps: 7000, weights: busy }), (timeline) => {
        const incidents = new Set(timeline.snapshots.flatMap((s) => s.incidents.map((i) => i.id)))
        expect(incidents.size).toBeGreaterThan(900)
        const { states } = play(timeline.snapshots)
        const most = { incidents: 0, goneIncidents: 0, components: 0, maintenances: 0, goneMaintenances: 0, updatesPerIncident: 0 }
        states.forEach((seen, index) => {
          most.incidents = Math.max(most.incidents, seen.incidents.length)
          most.goneIncidents = Math.max(most.goneIncidents, seen.goneIncidents.length)
          most.components = Math.max(most.components, seen.components.length)
          most.maintenances = Math.max(most.maintenances, seen.maintenances.length)
          most.goneMaintenances = Math.max(most.goneMaintenances, seen.goneMaintenances.length)
          for (const incident of [...seen.incidents, ...seen.goneIncidents]) {
            most.updatesPerIncident = Math.max(most.updatesPerIncident, incident.updateIds.length)
          }
          // A sample of states: each round trip costs a stringify, a parse and a deep compare.
          if (index % 100 === 0 || index === states.length - 1) {
            expect(parseSeenState(JSON.parse(JSON.stringify(seen)))).toEqual(seen)
          }
        })
        for (const [name, value] of Object.entries(most)) {
          expect(value, name).toBeLessThanOrEqual(SEEN_STATE_LIMITS[name as keyof typeof most])
        }
        // The memory of gone incidents did fill up: the bound was exercised, not just respected.
        expect(most.goneIncidents).toBe(SEEN_STATE_LIMITS.goneIncidents)
        // And the serialized state stays small.
        expect(Math.max(...states.map((seen) => JSON.stringify(seen).length))).toBeLessThan(64_000)
      }),
      { numRuns: 2 },
    )
  }, 30_000)

  it('4b. any seen-state the diff writes, from any snapshots, survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.array(snapshotArb({ duplicateIds: true }), { minLength: 1, maxLength: 4 }), (snapshots) => {
        for (const seen of play(snapshots).states) expect(parseSeenState(JSON.parse(JSON.stringify(seen)))).toEqual(seen)
      }),
      { numRuns: 200 },
    )
  })

  it('4c. parseSeenState never throws on garbage, and what it accepts is a state', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        const parsed = parseSeenState(value)
        if (parsed !== null) expect(parseSeenState(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed)
      }),
      { numRuns: 300 },
    )
  })

  it('5. no event key repeats across a timeline', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 200 }), (timeline) => {
        const keys = play(timeline.snapshots).polls.flat().map((e) => e.key)
        expect(new Set(keys).size).toBe(keys.length)
      }),
      { numRuns: 200 },
    )
  })

  it('5b. no event key repeats within one diff of any snapshots, hostile ids included', () => {
    fc.assert(
      fc.property(fc.array(snapshotArb({ duplicateIds: true }), { minLength: 1, maxLength: 3 }), (snapshots) => {
        for (const events of play(snapshots).polls) {
          const keys = events.map((e) => e.key)
          expect(new Set(keys).size).toBe(keys.length)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('orders events: incidents, then components, then maintenances', () => {
    const rank = (e: MonitorEvent): number => (e.kind.startsWith('incident') ? 0 : e.kind === 'component_changed' ? 1 : 2)
    fc.assert(
      fc.property(timelineArb({ maxOps: 100 }), (timeline) => {
        for (const events of play(timeline.snapshots).polls) {
          const ranks = events.map(rank)
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
        }
      }),
      { numRuns: 100 },
    )
  })

  it('reports a component change exactly when its status differs from the last snapshot (absent = operational)', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 100 }), (timeline) => {
        const { polls } = play(timeline.snapshots)
        let before = new Map<string, string>()
        timeline.snapshots.forEach((snapshot, index) => {
          const expected = snapshot.components
            .filter((c) => (before.get(c.id) ?? 'operational') !== c.status)
            .map((c) => `${c.id} ${before.get(c.id) ?? 'operational'}→${c.status}`)
          const actual = (polls[index] ?? []).flatMap((e) => (e.kind === 'component_changed' ? [`${e.component.id} ${e.from}→${e.to}`] : []))
          expect(actual).toEqual(expected)
          before = new Map(snapshot.components.map((c) => [c.id, c.status]))
        })
      }),
      { numRuns: 100 },
    )
  })
})
