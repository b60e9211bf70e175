import { runs } from '../support/fast-check-setup'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { awaitsConfirmation, diffSnapshot } from '../../src/diff.ts'
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

/**
 * A failing property over long timelines can shrink for minutes: shrinking stops after this
 * long and the counterexample found so far is reported. A run that is merely slow, with no
 * failure, still passes (fast-check counts an interrupted run without failure as a success).
 */
const BOUNDED = { plugins: [fc.interruptAfterTimeLimit(8_000)] }

/** The keys of what the monitor would announce as ended. */
const endKeys = (polls: readonly MonitorEvent[][]): string[] =>
  polls
    .flat()
    .filter((e) => e.kind === 'incident_resolved' || e.kind === 'maintenance_completed')
    .map((e) => e.key)
    .sort()

/** Whether incident `id` is listed in snapshot `index` (an index past the end: not listed). */
const lists = (snapshots: readonly Snapshot[], index: number, id: string): boolean =>
  snapshots[index]?.incidents.some((i) => i.id === id) ?? false

/**
 * Whether the answer at `k` may be replaced by one without incidents and still be the only
 * incomplete answer around, so that a correct diff must announce exactly the same ends:
 * - it lists incidents, exactly those of the answer before it (what it says was said already:
 *   news shown only in a lost answer is lost for anyone, and so is an incident listed only there);
 * - each of them is listed again in the next answer, or ends for good (absent from the next
 *   two). An incident also absent from the next answer alone would make two incomplete answers
 *   in a row, which the rule cannot tell from a real end.
 * The last answer is never replaced: nothing after it could tell.
 */
function isolatedDrop(snapshots: readonly Snapshot[], k: number): boolean {
  const here = snapshots[k]
  const before = snapshots[k - 1]
  if (here === undefined || before === undefined || k >= snapshots.length - 1 || here.incidents.length === 0) return false
  if (JSON.stringify(here.incidents) !== JSON.stringify(before.incidents)) return false
  return here.incidents.every((i) => lists(snapshots, k + 1, i.id) || !lists(snapshots, k + 2, i.id))
}

/** A stored seen-state as JSON, bent at one random place (or not at all). */
function bent(value: unknown, path: readonly number[], replacement: unknown): unknown {
  const [step, ...rest] = path
  if (step === undefined || typeof value !== 'object' || value === null) return replacement
  const entries = Object.entries(value)
  const entry = entries[step % Math.max(1, entries.length)]
  if (entry === undefined) return replacement
  const child = bent(entry[1], rest, replacement)
  return Array.isArray(value) ? value.map((v, i) => (String(i) === entry[0] ? child : v)) : { ...value, [entry[0]]: child }
}

/** What a previous build (version 1) stored: no missing lists. */
function asVersion1(seen: SeenState): unknown {
  const { missingIncidents: _i, missingMaintenances: _m, ...rest } = seen
  return { ...rest, version: 1 }
}

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
      { numRuns: runs(200), ...BOUNDED },
    )
  })

  it('1b. the same (state, snapshot) always gives the same result, whatever came before', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 40 }), snapshotArb(), (timeline, next) => {
        const { states } = play(timeline.snapshots)
        const last = states.at(-1) ?? null
        expect(diffSnapshot(last, next)).toEqual(diffSnapshot(last, next))
      }),
      { numRuns: runs(100), ...BOUNDED },
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
      { numRuns: runs(150), ...BOUNDED },
    )
  })

  it('3. an answer diffed again only confirms the ends the first diff left missing, then settles', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 120 }), (timeline) => {
        let seen: SeenState | null = null
        for (const snapshot of timeline.snapshots) {
          const first = diffSnapshot(seen, snapshot)
          // As the monitor does on a 304 or an equal body: the same snapshot once more.
          const again = diffSnapshot(first.seen, snapshot)
          const expected = [
            ...first.seen.missingIncidents.filter((r) => r.open).map((r) => `incident_resolved ${r.id} null`),
            ...first.seen.missingMaintenances.filter((r) => r.phase === 'started').map((r) => `maintenance_completed ${r.id}`),
          ]
          const actual = again.events.map((e) =>
            e.kind === 'incident_resolved'
              ? `${e.kind} ${e.incident.id} ${String(e.update)}`
              : e.kind === 'maintenance_completed'
                ? `${e.kind} ${e.maintenance.id}`
                : e.key,
          )
          expect(actual).toEqual(expected)
          expect(awaitsConfirmation(first.seen)).toBe(expected.length > 0)
          expect(awaitsConfirmation(again.seen)).toBe(false)
          expect(diffSnapshot(again.seen, snapshot)).toEqual({ events: [], seen: again.seen })
          seen = first.seen
        }
      }),
      { numRuns: runs(150), ...BOUNDED },
    )
  })

  it('3b. repeated answers between the real ones never report an update or a key twice', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 120 }), fc.array(fc.nat({ max: 2 }), { maxLength: 60 }), (timeline, repeats) => {
        let seen: SeenState | null = null
        const events: MonitorEvent[] = []
        timeline.snapshots.forEach((snapshot, index) => {
          for (let n = 0; n <= (repeats[index] ?? 0); n++) {
            const result = diffSnapshot(seen, snapshot)
            seen = result.seen
            events.push(...result.events)
          }
        })
        const keys = events.map((e) => e.key)
        expect(new Set(keys).size).toBe(keys.length)
        const updates = events.map(reportedUpdate).filter((u) => u !== null)
        expect(new Set(updates).size).toBe(updates.length)
      }),
      { numRuns: runs(150), ...BOUNDED },
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
          // The missing ones come from the listed ones, under the same bounds.
          expect(seen.missingIncidents.length).toBeLessThanOrEqual(SEEN_STATE_LIMITS.incidents)
          expect(seen.missingMaintenances.length).toBeLessThanOrEqual(SEEN_STATE_LIMITS.maintenances)
          most.incidents = Math.max(most.incidents, seen.incidents.length)
          most.goneIncidents = Math.max(most.goneIncidents, seen.goneIncidents.length)
          most.components = Math.max(most.components, seen.components.length)
          most.maintenances = Math.max(most.maintenances, seen.maintenances.length)
          most.goneMaintenances = Math.max(most.goneMaintenances, seen.goneMaintenances.length)
          for (const incident of [...seen.incidents, ...seen.missingIncidents, ...seen.goneIncidents]) {
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
      // Shrinking a 7,000-step timeline is hopeless: report the first failure as it is.
      { numRuns: 2, endOnFailure: true },
    )
  }, 30_000)

  it('4b. any seen-state the diff writes, from any snapshots, survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.array(snapshotArb({ duplicateIds: true }), { minLength: 1, maxLength: 4 }), (snapshots) => {
        for (const seen of play(snapshots).states) expect(parseSeenState(JSON.parse(JSON.stringify(seen)))).toEqual(seen)
      }),
      { numRuns: runs(200), ...BOUNDED },
    )
  })

  it('4c. parseSeenState never throws on garbage, accepts what the diff wrote (also as version 1), and what it accepts is a state', () => {
    // Real states, some as the previous version stored them, some bent at one place, and garbage.
    const stored = fc
      .array(snapshotArb({ duplicateIds: true }), { minLength: 1, maxLength: 4 })
      .map((snapshots) => play(snapshots).states.at(-1) as SeenState)
    const input = fc.oneof(
      stored.map((seen) => ({ value: JSON.parse(JSON.stringify(seen)) as unknown, valid: true })),
      stored.map((seen) => ({ value: asVersion1(seen), valid: true })),
      fc
        .tuple(stored, fc.array(fc.nat(), { maxLength: 4 }), fc.jsonValue())
        .map(([seen, path, replacement]) => ({ value: bent(JSON.parse(JSON.stringify(seen)), path, replacement), valid: false })),
      fc.oneof(fc.jsonValue(), fc.anything()).map((value) => ({ value, valid: false })),
    )
    let accepted = 0
    fc.assert(
      fc.property(input, snapshotArb(), ({ value, valid }, next) => {
        const parsed = parseSeenState(value)
        if (valid) expect(parsed).not.toBeNull()
        if (parsed === null) return
        accepted += 1
        expect(parseSeenState(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed)
        // The diff takes it as it takes its own states.
        const { seen } = diffSnapshot(parsed, next)
        expect(parseSeenState(JSON.parse(JSON.stringify(seen)))).toEqual(seen)
      }),
      { numRuns: runs(300), ...BOUNDED },
    )
    // The accepting half did run (about half of the inputs are valid states).
    expect(accepted).toBeGreaterThan(runs(300) / 3)
  })

  it('5. no event key repeats across a timeline', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 200 }), (timeline) => {
        const keys = play(timeline.snapshots).polls.flat().map((e) => e.key)
        expect(new Set(keys).size).toBe(keys.length)
      }),
      { numRuns: runs(200), ...BOUNDED },
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
      { numRuns: runs(200), ...BOUNDED },
    )
  })

  /*
   * 6. The stale copy. One answer of a timeline is replaced by the same page with no incidents
   * at all; where that answer is the only incomplete one around (isolatedDrop), the diff must
   * announce exactly the ends it announces without the drop: none invented, none lost. Both runs
   * end with the last answer once more (a 304), so an end still awaiting its second answer is
   * counted too.
   */
  it('6. a single answer without its incidents neither invents an end nor loses one', () => {
    let tried = 0
    fc.assert(
      fc.property(timelineArb({ maxOps: 80 }), fc.nat(), (timeline, choice) => {
        const { snapshots } = timeline
        const eligible = snapshots.map((_, k) => k).filter((k) => isolatedDrop(snapshots, k))
        const k = eligible[choice % Math.max(1, eligible.length)]
        if (k === undefined) return
        tried += 1
        const dropped = snapshots.map((s, i) => (i === k ? { ...s, incidents: [] } : s))
        const settled = (list: readonly Snapshot[]): Snapshot[] => [...list, ...list.slice(-1)]
        expect(endKeys(play(settled(dropped)).polls)).toEqual(endKeys(play(settled(snapshots)).polls))
      }),
      { numRuns: runs(300), ...BOUNDED },
    )
    // Most timelines had such an answer: the property was exercised, not skipped.
    expect(tried).toBeGreaterThan(runs(300) / 3)
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
      { numRuns: runs(100), ...BOUNDED },
    )
  })

  it('reports a component change exactly when its status differs from the last snapshot (absent = operational; nothing before the first)', () => {
    fc.assert(
      fc.property(timelineArb({ maxOps: 100 }), (timeline) => {
        const { polls } = play(timeline.snapshots)
        let before = new Map<string, string>()
        timeline.snapshots.forEach((snapshot, index) => {
          const was = (id: string): string => before.get(id) ?? (index === 0 ? 'null' : 'operational')
          const expected = snapshot.components
            .filter((c) => (before.get(c.id) ?? 'operational') !== c.status)
            .map((c) => `${c.id} ${was(c.id)}→${c.status}`)
          const actual = (polls[index] ?? []).flatMap((e) => (e.kind === 'component_changed' ? [`${e.component.id} ${e.from}→${e.to}`] : []))
          expect(actual).toEqual(expected)
          before = new Map(snapshot.components.map((c) => [c.id, c.status]))
        })
      }),
      { numRuns: runs(100), ...BOUNDED },
    )
  })
})
