import { runs } from '../support/fast-check-setup'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../src/model.ts'
import { pollPage, type PollDeps } from '../../src/monitor.ts'
import { initialPageState } from '../../src/page-state.ts'
import { AWS_EVENTS_URL } from '../../src/providers/aws.ts'
import { EARLIEST_SANE_TIME, SANE_LEAD_MS, saneTimes } from '../../src/sane-times.ts'
import { snapshotArb } from '../support/arbitraries.ts'
import { sampleJson } from '../support/samples.ts'

const NOW = Date.UTC(2026, 8, 4, 12)

/** Every number a page could send, and the ones no page should: NaN, ±Infinity, 1e23, negative, huge. */
const anyTime = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e23, -1e23, 8.64e15, 8.64e15 + 1, -1, 0, EARLIEST_SANE_TIME - 1, EARLIEST_SANE_TIME),
  fc.integer({ min: EARLIEST_SANE_TIME, max: NOW + 2 * SANE_LEAD_MS }),
)
const anyNow = fc.oneof(fc.constant(NOW), fc.double(), fc.integer({ min: 0, max: 8.64e15 }))

/** The snapshot arbitrary with every time field replaced by `anyTime`. */
const absurdSnapshot = fc.tuple(snapshotArb(), fc.infiniteStream(anyTime)).map(([snapshot, times]): Snapshot => {
  const next = (): number | null => times.next().value as number | null
  const updates = <U extends { at: number | null }>(list: readonly U[]): U[] => list.map((update) => ({ ...update, at: next() }))
  return {
    ...snapshot,
    incidents: snapshot.incidents.map((incident) => ({ ...incident, startedAt: next(), updates: updates(incident.updates) })),
    maintenances: snapshot.maintenances.map((maintenance) => ({ ...maintenance, scheduledFor: next(), scheduledUntil: next(), updates: updates(maintenance.updates) })),
  }
})

function timesOf(snapshot: Snapshot): (number | null)[] {
  return [
    ...snapshot.incidents.flatMap((incident) => [incident.startedAt, ...incident.updates.map((update) => update.at)]),
    ...snapshot.maintenances.flatMap((maintenance) => [maintenance.scheduledFor, maintenance.scheduledUntil, ...maintenance.updates.map((update) => update.at)]),
  ]
}

describe('saneTimes', () => {
  it('leaves only null or times from 2000 to a year after now, each a valid Date', () => {
    fc.assert(
      fc.property(absurdSnapshot, anyNow, (snapshot, now) => {
        const sane = saneTimes(snapshot, now)
        const latest = Number.isFinite(now) ? now + SANE_LEAD_MS : Infinity
        for (const time of timesOf(sane)) {
          if (time === null) continue
          expect(time).toBeGreaterThanOrEqual(EARLIEST_SANE_TIME)
          expect(time).toBeLessThanOrEqual(latest)
          expect(() => new Date(time).toISOString()).not.toThrow()
        }
      }),
      { numRuns: runs(500) },
    )
  })

  it('keeps every sane time and everything that is not a time', () => {
    fc.assert(
      fc.property(absurdSnapshot, (snapshot) => {
        const sane = saneTimes(snapshot, NOW)
        const isSane = (time: number | null): boolean => time !== null && time >= EARLIEST_SANE_TIME && time <= NOW + SANE_LEAD_MS
        expect(timesOf(sane)).toEqual(timesOf(snapshot).map((time) => (isSane(time) ? time : null)))
        const withoutTimes = (s: Snapshot): unknown => JSON.stringify(s, (key, value: unknown) => (['startedAt', 'at', 'scheduledFor', 'scheduledUntil'].includes(key) ? 0 : value))
        expect(withoutTimes(sane)).toBe(withoutTimes(snapshot))
      }),
      { numRuns: runs(300) },
    )
  })

  it('returns the very snapshot when all its times are sane', () => {
    fc.assert(
      fc.property(snapshotArb(), (snapshot) => {
        // snapshotArb's times run from 2017 to 2030.
        expect(saneTimes(snapshot, Date.UTC(2031, 0, 1))).toBe(snapshot)
      }),
      { numRuns: runs(200) },
    )
  })

  it('draws the lines at 2000-01-01 and a year after now', () => {
    const at = (time: number): number | null => saneTimes({ ...EMPTY, incidents: [{ ...INCIDENT, startedAt: time }] }, NOW).incidents[0]?.startedAt ?? null
    expect(at(Date.UTC(2000, 0, 1))).toBe(Date.UTC(2000, 0, 1))
    expect(at(Date.UTC(1999, 11, 31, 23, 59, 59, 999))).toBeNull()
    expect(at(NOW + 366 * 86_400_000)).toBe(NOW + 366 * 86_400_000)
    expect(at(NOW + 366 * 86_400_000 + 1)).toBeNull()
  })
})

const EMPTY: Snapshot = {
  platform: 'aws',
  page: { name: 'AWS', url: 'https://health.aws.amazon.com/health/status' },
  level: 'operational',
  components: [],
  groups: [],
  incidents: [],
  maintenances: [],
}
const INCIDENT = { id: 'i', name: 'I', status: 'investigating', impact: 'minor', url: null, startedAt: null, updates: [], componentIds: [] } as const

describe('pollPage: absurd page times end as unknown, never as a crash later', () => {
  /** The real AWS capture with its times replaced: AWS sends epoch seconds, as strings on the event and numbers in the log. */
  function awsBody(date: string | number, timestamp: number): Uint8Array<ArrayBuffer> {
    const events = sampleJson('aws/health-currentevents-2026-09-04.json') as { date: unknown; event_log: { timestamp: number }[] }[]
    const absurd = events.map((event) => ({ ...event, date, event_log: event.event_log.map((entry) => ({ ...entry, timestamp })) }))
    return new TextEncoder().encode(JSON.stringify(absurd))
  }

  async function poll(body: Uint8Array<ArrayBuffer>): Promise<Snapshot> {
    const deps: PollDeps = {
      fetch: (url) => Promise.resolve(url === AWS_EVENTS_URL ? new Response(body, { headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 })),
      timeoutSignal: () => new AbortController().signal,
      now: () => NOW,
      random: () => 0.5,
    }
    const outcome = await pollPage({ page: { base: 'https://health.aws.amazon.com', platform: 'aws' }, state: initialPageState() }, deps)
    expect(outcome.result).toBe('changed')
    const snapshot = outcome.state.snapshot
    if (snapshot === null) throw new Error('no snapshot')
    return snapshot
  }

  it('reads an AWS time of 1e23 seconds as unknown, and the rest of the event as usual', async () => {
    const snapshot = await poll(awsBody(1e23, 1e23))
    expect(snapshot.incidents).toHaveLength(2)
    for (const incident of snapshot.incidents) {
      expect(incident.startedAt).toBeNull()
      expect(incident.updates.map((update) => update.at)).toEqual([null])
      expect(incident.name).toMatch(/^Increased Error Rates/)
    }
    // What the popup does with a time: it must never throw.
    for (const time of timesOf(snapshot)) if (time !== null) expect(() => new Date(time).toISOString()).not.toThrow()
  })

  it('reads a time a century ahead as unknown, and a real one as it is', async () => {
    const inside = Math.floor((NOW - 3_600_000) / 1000)
    const snapshot = await poll(awsBody('4102444800', inside))
    expect(snapshot.incidents.map((incident) => incident.startedAt)).toEqual([null, null])
    expect(snapshot.incidents.map((incident) => incident.updates[0]?.at)).toEqual([inside * 1000, inside * 1000])
  })
})
